// wordloom.v1.Models over gRPC's callback API: list, describe, load and
// unload the registry's models. Loading runs on the work pool.
//
// Thread-safe; `registry` and `env` must outlive the server.
#ifndef WORDLOOM_SERVICE_MODELS_SERVICE_H_
#define WORDLOOM_SERVICE_MODELS_SERVICE_H_

#include "proto/wordloom/v1/models.grpc.pb.h"
#include "service/model_registry.h"
#include "service/unary_call.h"

namespace wordloom::service {

// The API form of a registry entry.
v1::ModelInfo ToModelInfo(const ModelEntryInfo& entry);

class ModelsService final : public v1::Models::CallbackService {
 public:
  ModelsService(ModelRegistry* registry, CallEnv env) : registry_(registry), env_(env) {}

  using Ctx = grpc::CallbackServerContext;
  using Reactor = grpc::ServerUnaryReactor;
  Reactor* ListModels(Ctx* ctx, const v1::ListModelsRequest* request,
                      v1::ListModelsResponse* response) override;
  Reactor* DescribeModel(Ctx* ctx, const v1::DescribeModelRequest* request,
                         v1::DescribeModelResponse* response) override;
  Reactor* LoadModel(Ctx* ctx, const v1::LoadModelRequest* request,
                     v1::LoadModelResponse* response) override;
  Reactor* UnloadModel(Ctx* ctx, const v1::UnloadModelRequest* request,
                       v1::UnloadModelResponse* response) override;

 private:
  ModelRegistry* const registry_;
  const CallEnv env_;
};

}  // namespace wordloom::service

#endif  // WORDLOOM_SERVICE_MODELS_SERVICE_H_
