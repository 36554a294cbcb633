// Runs one unary gRPC call of the callback API on the service's work pool:
// the reactor thread only schedules; the pool checks that the caller is still
// there (not cancelled, deadline not passed), runs `work`, records metrics
// and finishes the call with the status bridged by ToGrpcStatus. A full pool
// answers RESOURCE_EXHAUSTED at once. ServeUnarySized runs cheap calls (a
// document of at most CallEnv::inline_max_bytes) inline on gRPC's callback
// thread instead: tens of microseconds of work cost less than the two thread
// hand-offs of the pool; they still count against the pool's max_pending
// (WorkPool::TryEnter), so one limit bounds every call in flight.
//
//   grpc::ServerUnaryReactor* Tokenize(grpc::CallbackServerContext* ctx,
//                                      const TokenizeRequest* req, TokenizeResponse* resp) {
//     return ServeUnary(ctx, env_, "Tokenize", [=] { return analytics_->Tokenize(*req, resp); });
//   }
#ifndef WORDLOOM_SERVICE_UNARY_CALL_H_
#define WORDLOOM_SERVICE_UNARY_CALL_H_

#include <chrono>
#include <cstdint>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpcpp/grpcpp.h"
#include "service/metrics.h"
#include "service/status_bridge.h"
#include "service/work_pool.h"

namespace wordloom::service {

// What every handler needs besides its library object. Not owned.
struct CallEnv {
  WorkPool* pool = nullptr;
  Metrics* metrics = nullptr;
  // ServeUnarySized runs calls on documents of at most this many bytes on
  // the calling (gRPC callback) thread; 0 = always on the pool.
  size_t inline_max_bytes = 0;
};

// True once `ctx`'s caller has cancelled or its deadline has passed.
inline bool CallerGone(grpc::CallbackServerContext* ctx) {
  return ctx->IsCancelled() || std::chrono::system_clock::now() >= ctx->deadline();
}

// `method` must be a string literal (it names the metrics series).
// `document_bytes`: size of the request's document, the measure of its cost.
template <typename Work>
grpc::ServerUnaryReactor* ServeUnarySized(grpc::CallbackServerContext* ctx, const CallEnv& env,
                                          std::string_view method, size_t document_bytes,
                                          Work work) {
  grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
  const absl::Time start = absl::Now();
  Metrics* metrics = env.metrics;
  auto finish = [reactor, metrics, method, start](const absl::Status& status) {
    metrics->Record(std::string("grpc/").append(method), status.code(),
                    absl::ToDoubleSeconds(absl::Now() - start));
    reactor->Finish(ToGrpcStatus(status));
  };
  auto run = [ctx, finish, work]() mutable {
    if (ctx->IsCancelled()) return finish(absl::CancelledError("the client cancelled the call"));
    if (std::chrono::system_clock::now() >= ctx->deadline()) {
      return finish(absl::DeadlineExceededError("the call's deadline passed before it could run"));
    }
    finish(work());
  };
  if (document_bytes <= env.inline_max_bytes) {
    // Counted against max_pending like a pool task: gRPC's callback threads
    // must not let more calls in than the pool would.
    if (!env.pool->TryEnter()) {
      finish(env.pool->OverloadedError());
      return reactor;
    }
    run();
    env.pool->Leave();
    return reactor;
  }
  absl::Status scheduled = env.pool->TrySchedule(std::move(run));
  if (!scheduled.ok()) finish(scheduled);
  return reactor;
}

// A call always run on the pool.
template <typename Work>
grpc::ServerUnaryReactor* ServeUnary(grpc::CallbackServerContext* ctx, const CallEnv& env,
                                     std::string_view method, Work work) {
  return ServeUnarySized(ctx, env, method, SIZE_MAX, std::move(work));
}

}  // namespace wordloom::service

#endif  // WORDLOOM_SERVICE_UNARY_CALL_H_
