// gRPC load generator for wordloomd: keeps N calls in flight (N "streams":
// each a chain of unary calls, the next issued when the previous one
// completes) over a few HTTP/2 connections, for a fixed time after a warm-up;
// prints one JSON line per run.
//
// Lean by design, so that the two cores it shares with the server go to the
// server: the async API on $WL_CLIENT_THREADS (default 1) completion-queue
// threads, as gRPC's own qps client (the callback API of gRPC 1.51 adds its
// own threads and hand-offs: ~29 -> ~20 us of client CPU per 200-byte call);
// requests serialised once (grpc::ByteBuffer, sent through a generic stub);
// responses checked for their status and parsed only on every
// kVerifyEvery-th call (a response that does not parse or is empty counts as
// an error); retries off and the minimal channel stack.
//
//   service_grpc_load ADDRESS CALL TEXT_FILE DOC_BYTES CONCURRENCY
//                     [SECONDS=5] [CHANNELS=min(CONCURRENCY,4)] [MODEL_ID]
//   CALL: DetectSentiment | ClassifyText
//   $WL_SERVER_PID: the server's pid, to report its CPU time per call
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <thread>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "bench/service/bench_common.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/grpcpp.h"
#include "grpcpp/support/proto_buffer_reader.h"
#include "proto/wordloom/v1/text_analytics.grpc.pb.h"

namespace wordloom::bench {
namespace {

using Clock = std::chrono::steady_clock;
namespace v1 = wordloom::v1;

// Every this many calls of a stream, the response is parsed and checked.
constexpr size_t kVerifyEvery = 64;

struct Shared {
  std::string method;                      // "/wordloom.v1.TextAnalytics/<Call>"
  bool classify = false;
  std::vector<grpc::ByteBuffer> requests;  // serialised once, one per document
  std::atomic<bool> measuring{false};
  Clock::time_point stop_at;
  absl::Mutex mu;
  int running = 0;
};

// Serialises `message` into a ByteBuffer (false if it cannot).
bool Serialise(const google::protobuf::MessageLite& message, grpc::ByteBuffer* out) {
  bool own = false;
  return grpc::GenericSerialize<grpc::ProtoBufferWriter, google::protobuf::MessageLite>(
             message, out, &own)
      .ok();
}

// The calls' requests, one per document.
std::vector<grpc::ByteBuffer> MakeRequests(const std::vector<std::string>& docs, bool classify,
                                           const std::string& model_id) {
  std::vector<grpc::ByteBuffer> out(docs.size());
  for (size_t i = 0; i < docs.size(); ++i) {
    if (classify) {
      v1::ClassifyTextRequest request;
      request.set_text(docs[i]);
      request.set_model_id(model_id);
      if (!Serialise(request, &out[i])) return {};
    } else {
      v1::DetectSentimentRequest request;
      request.set_text(docs[i]);
      request.set_language_code("en");
      if (!Serialise(request, &out[i])) return {};
    }
  }
  return out;
}

// True when `response` parses as the call's response and has an answer.
bool ResponseLooksRight(grpc::ByteBuffer* response, bool classify) {
  grpc::ProtoBufferReader reader(response);
  if (classify) {
    v1::ClassifyTextResponse parsed;
    return parsed.ParseFromZeroCopyStream(&reader) &&
           parsed.classes_size() + parsed.labels_size() > 0;
  }
  v1::DetectSentimentResponse parsed;
  return parsed.ParseFromZeroCopyStream(&reader) &&
         parsed.sentiment() != v1::Sentiment::SENTIMENT_UNSPECIFIED;
}

// One stream: issues its next call when the previous one completes. Driven
// by one completion-queue thread (Drive), so never called concurrently.
class Stream {
 public:
  Stream(grpc::GenericStub* stub, grpc::CompletionQueue* cq, Shared* shared, size_t first)
      : stub_(stub), cq_(cq), shared_(shared), next_doc_(first) {}

  void Issue() {
    ctx_ = std::make_unique<grpc::ClientContext>();
    ctx_->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    request_ = shared_->requests[next_doc_++ % shared_->requests.size()];  // shares the slices
    response_.Clear();
    start_ = Clock::now();
    call_ = stub_->PrepareUnaryCall(ctx_.get(), shared_->method, request_, cq_);
    call_->StartCall();
    call_->Finish(&response_, &status_, this);
  }

  // The call finished: records it and issues the next one; false once the
  // run is over (no call issued).
  bool OnDone() {
    const Clock::time_point end = Clock::now();
    if (status_.ok() && ++done_ % kVerifyEvery == 1 &&
        !ResponseLooksRight(&response_, shared_->classify)) {
      status_ = grpc::Status(grpc::StatusCode::INTERNAL, "a response did not parse or was empty");
    }
    if (shared_->measuring.load(std::memory_order_relaxed)) {
      latencies_us.push_back(std::chrono::duration<double, std::micro>(end - start_).count());
      if (!status_.ok()) {
        if (errors++ == 0) first_error = status_.error_message();
      }
    }
    if (end >= shared_->stop_at) return false;
    Issue();
    return true;
  }

  std::vector<double> latencies_us;
  size_t errors = 0;
  std::string first_error;

 private:
  grpc::GenericStub* const stub_;
  grpc::CompletionQueue* const cq_;
  Shared* const shared_;
  size_t next_doc_;
  size_t done_ = 0;
  std::unique_ptr<grpc::ClientContext> ctx_;
  std::unique_ptr<grpc::GenericClientAsyncResponseReader> call_;
  Clock::time_point start_;
  grpc::ByteBuffer request_;
  grpc::ByteBuffer response_;
  grpc::Status status_;
};

// Runs the `streams` calls completing on `cq` until all of them stop, then
// shuts `cq` down and drains it.
void Drive(grpc::CompletionQueue* cq, int streams, Shared* shared) {
  void* tag = nullptr;
  bool ok = false;
  while (streams > 0 && cq->Next(&tag, &ok)) {
    if (!static_cast<Stream*>(tag)->OnDone()) --streams;
  }
  cq->Shutdown();
  while (cq->Next(&tag, &ok)) {
  }
  absl::MutexLock lock(&shared->mu);
  --shared->running;
}

int Main(int argc, char** argv) {
  if (argc < 6) {
    std::fprintf(stderr,
                 "usage: %s ADDRESS CALL TEXT_FILE DOC_BYTES CONCURRENCY [SECONDS] [CHANNELS] "
                 "[MODEL_ID]\n",
                 argv[0]);
    return 2;
  }
  const std::string address = argv[1];
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);  // as wordloomd
  Shared shared;
  const std::string call = argv[2];
  if (call != "DetectSentiment" && call != "ClassifyText") {
    std::fprintf(stderr, "unknown CALL %s: expected DetectSentiment or ClassifyText\n",
                 call.c_str());
    return 2;
  }
  shared.method = "/wordloom.v1.TextAnalytics/" + call;
  shared.classify = call == "ClassifyText";
  const size_t doc_bytes = std::strtoul(argv[4], nullptr, 10);
  const int concurrency = std::atoi(argv[5]);
  const double seconds = argc > 6 ? std::atof(argv[6]) : 5;
  int channels = argc > 7 ? std::atoi(argv[7]) : 0;  // "" or 0: the default
  if (channels <= 0) channels = std::min(concurrency, 4);
  const std::string model_id = argc > 8 ? argv[8] : "";
  const std::vector<std::string> docs = MakeDocuments(argv[3], doc_bytes, 512);
  if (docs.empty()) {
    std::fprintf(stderr, "no documents from %s\n", argv[3]);
    return 1;
  }
  shared.requests = MakeRequests(docs, shared.classify, model_id);
  if (shared.requests.empty()) {
    std::fprintf(stderr, "cannot serialise the requests\n");
    return 1;
  }
  std::vector<std::unique_ptr<grpc::GenericStub>> stubs;
  for (int c = 0; c < channels; ++c) {
    grpc::ChannelArguments args;
    args.SetInt("wordloom.bench.channel", c);  // distinct args: one connection each
    args.SetInt(GRPC_ARG_ENABLE_RETRIES, 0);
    args.SetInt(GRPC_ARG_MINIMAL_STACK, 1);
    stubs.push_back(std::make_unique<grpc::GenericStub>(
        grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), args)));
  }
  // Completion-queue threads: one per channel, at most WL_CLIENT_THREADS (default 1).
  const char* threads_env = std::getenv("WL_CLIENT_THREADS");
  const int threads = std::clamp(threads_env ? std::atoi(threads_env) : 1, 1, channels);
  std::vector<std::unique_ptr<grpc::CompletionQueue>> queues;
  for (int t = 0; t < threads; ++t) queues.push_back(std::make_unique<grpc::CompletionQueue>());
  std::vector<std::unique_ptr<Stream>> streams;
  std::vector<int> streams_of(threads);
  for (int i = 0; i < concurrency; ++i) {
    const int c = i % channels;
    streams.push_back(
        std::make_unique<Stream>(stubs[c].get(), queues[c % threads].get(), &shared, i * 7));
    ++streams_of[c % threads];
  }
  const Clock::time_point start = Clock::now();
  const auto warmup = std::chrono::milliseconds(1000);
  shared.stop_at = start + warmup + std::chrono::microseconds(static_cast<int64_t>(seconds * 1e6));
  shared.running = threads;
  for (auto& s : streams) s->Issue();
  std::vector<std::thread> drivers;
  for (int t = 0; t < threads; ++t) {
    drivers.emplace_back(Drive, queues[t].get(), streams_of[t], &shared);
  }
  std::this_thread::sleep_until(start + warmup);
  const int server_pid = std::getenv("WL_SERVER_PID") ? std::atoi(std::getenv("WL_SERVER_PID")) : -1;
  const double server_cpu0 = server_pid > 0 ? ProcessCpuSeconds(server_pid) : 0;
  const double client_cpu0 = ProcessCpuSeconds(0);
  shared.measuring.store(true);
  const Clock::time_point measure_start = Clock::now();
  {
    absl::MutexLock lock(&shared.mu);
    shared.mu.Await(absl::Condition(
        +[](int* running) { return *running == 0; }, &shared.running));
  }
  for (std::thread& d : drivers) d.join();
  const double server_cpu = server_pid > 0 ? ProcessCpuSeconds(server_pid) - server_cpu0 : -1;
  const double client_cpu = ProcessCpuSeconds(0) - client_cpu0;
  RunStats stats;
  stats.seconds = std::chrono::duration<double>(shared.stop_at - measure_start).count();
  std::vector<double> all;
  std::string first_error;
  for (auto& s : streams) {
    all.insert(all.end(), s->latencies_us.begin(), s->latencies_us.end());
    stats.errors += s->errors;
    if (first_error.empty()) first_error = s->first_error;
  }
  stats.calls = all.size();
  if (stats.calls > 0) {
    if (server_pid > 0) stats.server_cpu_us = server_cpu * 1e6 / stats.calls;
    stats.client_cpu_us = client_cpu * 1e6 / stats.calls;
  }
  Percentiles(&all, &stats);
  std::printf("%s\n", StatsJson("grpc", call, doc_bytes, concurrency, stats).c_str());
  if (stats.errors > 0) std::fprintf(stderr, "first error: %s\n", first_error.c_str());
  return 0;
}

}  // namespace
}  // namespace wordloom::bench

int main(int argc, char** argv) { return wordloom::bench::Main(argc, argv); }
