// TextAnalytics.AnalyzeStream, a bidirectional stream reactor on AsyncServer
// (async_reactors.h): one AnalyzeResponse
// per AnalyzeRequest, in request order. Each request is analyzed on the work
// pool (Analytics::Analyze); at most kMaxInFlight requests of a stream are
// queued, running or waiting to be written — the reactor stops reading until
// the oldest is written, so a fast client is held back by flow control. A
// request that fails (or finds the pool full) gets a response with
// error_code / error_message and the stream goes on. Cancellation (or the
// deadline) stops work: queued requests are skipped and the call ends with
// CANCELLED once running ones return.
//
// Thread-safe; `analytics` and `env` must outlive the call.
#ifndef WORDLOOM_SERVICE_ANALYZE_STREAM_H_
#define WORDLOOM_SERVICE_ANALYZE_STREAM_H_

#include <cstddef>

#include "grpcpp/grpcpp.h"
#include "proto/wordloom/v1/text_analytics.pb.h"
#include "service/analytics.h"
#include "service/async_server.h"
#include "service/unary_call.h"

namespace wordloom::service {

inline constexpr size_t kMaxAnalyzeInFlight = 8;

// The calls of AnalyzeStream, for AsyncServer::Add(..., /*raw=*/false, ...).
AsyncServer::Factory AnalyzeStreamMethod(const Analytics* analytics, CallEnv env);

}  // namespace wordloom::service

#endif  // WORDLOOM_SERVICE_ANALYZE_STREAM_H_
