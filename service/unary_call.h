// Unary gRPC calls on AsyncServer (async_server.h): RunUnary runs one call's
// work on the service's work pool or inline. The caller's thread only
// schedules; the pool checks that the caller is still there (not cancelled,
// deadline not passed), runs `work` and finishes the call. A full pool
// answers RESOURCE_EXHAUSTED at once. Cheap calls (a document of at most
// CallEnv::inline_max_bytes) run inline on the completion-queue thread
// instead: tens of microseconds of work cost less than the two thread
// hand-offs of the pool; they still count against the pool's max_pending
// (WorkPool::TryEnter), so one limit bounds every call in flight.
// UnaryMethod serves a method with it: request and response travel as bytes
// and are parsed and serialised here, with metrics recorded per method.
//
//   calls->Add(this, "wordloom.v1.Models", "ListModels", /*raw=*/true,
//              UnaryMethod<v1::ListModelsRequest, v1::ListModelsResponse>(
//                  env_, OnPool<v1::ListModelsRequest>,
//                  [](grpc::ServerContextBase* ctx, const v1::ListModelsRequest& request,
//                     v1::ListModelsResponse* response) { ...; return absl::OkStatus(); }));
#ifndef WORDLOOM_SERVICE_UNARY_CALL_H_
#define WORDLOOM_SERVICE_UNARY_CALL_H_

#include <chrono>
#include <cstdint>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpcpp/grpcpp.h"
#include "grpcpp/support/async_stream.h"
#include "grpcpp/support/async_unary_call.h"
#include "grpcpp/impl/codegen/proto_utils.h"  // GenericSerialize, GenericDeserialize
#include "service/async_server.h"
#include "service/metrics.h"
#include "service/status_bridge.h"
#include "service/work_pool.h"

namespace wordloom::service {

// What every handler needs besides its library object. Not owned.
struct CallEnv {
  // Null: every call runs inline, outside admission (health checks, which
  // must answer even when the pool is full).
  WorkPool* pool = nullptr;
  Metrics* metrics = nullptr;
  // Calls on documents of at most this many bytes run on the calling
  // (completion-queue) thread; 0 = always on the pool.
  size_t inline_max_bytes = 0;
};

// True once `ctx`'s caller has cancelled or its deadline has passed.
inline bool CallerGone(grpc::ServerContextBase* ctx) {
  return ctx->IsCancelled() || std::chrono::system_clock::now() >= ctx->deadline();
}

// Runs `work` (-> absl::Status) for the call of `ctx` inline or on the pool
// (by `document_bytes`, the size of the request's document, the measure of
// its cost), after checking that the caller is still there; calls
// `finish(status)` exactly once, on this thread or a pool thread.
template <typename Work, typename Finish>
void RunUnary(grpc::ServerContextBase* ctx, const CallEnv& env, size_t document_bytes, Work work,
              Finish finish) {
  auto run = [ctx, finish, work]() mutable {
    if (ctx->IsCancelled()) return finish(absl::CancelledError("the client cancelled the call"));
    if (std::chrono::system_clock::now() >= ctx->deadline()) {
      return finish(absl::DeadlineExceededError("the call's deadline passed before it could run"));
    }
    finish(work());
  };
  if (env.pool == nullptr) return run();
  if (document_bytes <= env.inline_max_bytes) {
    // Counted against max_pending like a pool task: gRPC's threads must not
    // let more calls in than the pool would.
    if (!env.pool->TryEnter()) return finish(env.pool->OverloadedError());
    run();
    env.pool->Leave();
    return;
  }
  absl::Status scheduled = env.pool->TrySchedule(std::move(run));
  if (!scheduled.ok()) finish(scheduled);
}

// A unary call served raw: the request arrives as bytes, the response
// leaves as bytes (so a request that is not a valid message gets
// INVALID_ARGUMENT naming the method; gRPC's own parsing on this path answers
// INTERNAL "Unable to parse request").
template <typename Request, typename Response, typename DocumentBytes, typename Work>
class AsyncUnaryCall final : public AsyncCall {
 public:
  AsyncUnaryCall(const CallEnv& env, const DocumentBytes& document_bytes, const Work& work)
      : env_(env), document_bytes_(document_bytes), work_(work) {}

 private:
  static constexpr int kFinish = 2;

  void Ask(AsyncMethodsBase* service, int index, grpc::ServerCompletionQueue* cq,
           void* tag) override {
    service->AskUnary(index, context(), &request_bytes_, &writer_, cq, tag);
  }

  void OnStart() override {
    start_ = absl::Now();
    const grpc::Status parsed = grpc::GenericDeserialize<grpc::ProtoBufferReader, Request>(
        &request_bytes_, &request_);
    if (!parsed.ok()) {
      return Finish(UnparsableRequest());
    }
    RunUnary(
        context(), env_, document_bytes_(request_),
        [this] { return work_(context(), request_, &response_); },
        [this](const absl::Status& status) { Finish(status); });
  }

  // From this thread or a pool thread, once.
  void Finish(const absl::Status& status) {
    grpc::Status sent = ToGrpcStatus(status);
    bool own_buffer = false;
    if (sent.ok()) {
      sent = grpc::GenericSerialize<grpc::ProtoBufferWriter, Response>(response_, &response_bytes_,
                                                                       &own_buffer);
    }
    env_.metrics->Record(metrics_name(),
                         static_cast<absl::StatusCode>(sent.error_code()),
                         absl::ToDoubleSeconds(absl::Now() - start_));
    Pending();
    if (sent.ok()) {
      writer_.Finish(response_bytes_, sent, Tag(kFinish));
    } else {
      writer_.FinishWithError(sent, Tag(kFinish));
    }
  }

  void OnOp(int, bool) override { SetFinished(); }

  const CallEnv env_;
  const DocumentBytes document_bytes_;
  const Work work_;
  absl::Time start_;
  grpc::ByteBuffer request_bytes_;
  grpc::ByteBuffer response_bytes_;
  grpc::ServerAsyncResponseWriter<grpc::ByteBuffer> writer_{context()};
  Request request_;
  Response response_;
};

// The calls of a unary method for AsyncServer::Add(..., /*raw=*/true, ...):
// each parses its request, runs `work(ctx, request, &response)` ->
// absl::Status through RunUnary, records metrics and sends the response.
// `document_bytes(request)`: the size of its document (SIZE_MAX: always on
// the pool).
template <typename Request, typename Response, typename DocumentBytes, typename Work>
AsyncServer::Factory UnaryMethod(const CallEnv& env, DocumentBytes document_bytes, Work work) {
  return [env, document_bytes, work]() -> AsyncCall* {
    return new AsyncUnaryCall<Request, Response, DocumentBytes, Work>(env, document_bytes, work);
  };
}

// The size measure of calls that always run on the pool.
template <typename Request>
size_t OnPool(const Request&) {
  return SIZE_MAX;
}

// Serves `method` of `service_name` with calls always run on the pool:
// `work(request, &response)` -> absl::Status (the admin calls of Models and
// Jobs).
template <typename Request, typename Response, typename Work>
absl::Status AddPoolMethod(AsyncServer* calls, AsyncMethodsBase* service,
                           std::string_view service_name, std::string_view method,
                           const CallEnv& env, Work work) {
  return calls->Add(service, service_name, method, /*raw=*/true,
                    UnaryMethod<Request, Response>(
                        env, OnPool<Request>,
                        [work](grpc::ServerContextBase*, const Request& request,
                               Response* response) { return work(request, response); }));
}

}  // namespace wordloom::service

#endif  // WORDLOOM_SERVICE_UNARY_CALL_H_
