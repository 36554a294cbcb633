// wordloom.v1.Models on AsyncServer's completion queues (async_server.h):
// list, describe, load and unload the registry's models, on the work pool.
//
// Thread-safe; `registry` and `env` must outlive the server.
#ifndef WORDLOOM_SERVICE_MODELS_SERVICE_H_
#define WORDLOOM_SERVICE_MODELS_SERVICE_H_

#include "proto/wordloom/v1/models.grpc.pb.h"
#include "service/async_server.h"
#include "service/model_registry.h"
#include "service/unary_call.h"

namespace wordloom::service {

// The API form of a registry entry.
v1::ModelInfo ToModelInfo(const ModelEntryInfo& entry);

class ModelsService final : public AsyncMethods<v1::Models::Service> {
 public:
  ModelsService(ModelRegistry* registry, CallEnv env) : registry_(registry), env_(env) {}

  // Serves every method on `calls`; once, before the service is registered.
  absl::Status AddMethods(AsyncServer* calls);

 private:
  ModelRegistry* const registry_;
  const CallEnv env_;
};

}  // namespace wordloom::service

#endif  // WORDLOOM_SERVICE_MODELS_SERVICE_H_
