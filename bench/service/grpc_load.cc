// gRPC load generator for wordloomd: keeps N calls in flight (N "streams":
// each a chain of unary calls, the next issued from the previous one's
// callback) over a few HTTP/2 connections with the callback API, for a
// fixed time after a warm-up; prints one JSON line per run.
//
//   service_grpc_load ADDRESS CALL TEXT_FILE DOC_BYTES CONCURRENCY
//                     [SECONDS=5] [CHANNELS=min(CONCURRENCY,4)] [MODEL_ID]
//   CALL: DetectSentiment | ClassifyText
//   $WL_SERVER_PID: the server's pid, to report its CPU time per call
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
#include "grpcpp/grpcpp.h"
#include "proto/wordloom/v1/text_analytics.grpc.pb.h"

namespace wordloom::bench {
namespace {

using Clock = std::chrono::steady_clock;
namespace v1 = wordloom::v1;

struct Shared {
  std::string call;
  std::string model_id;
  const std::vector<std::string>* docs = nullptr;
  std::atomic<bool> measuring{false};
  Clock::time_point stop_at;
  absl::Mutex mu;
  int running = 0;
};

// One stream: issues its next call when the previous one completes.
class Stream {
 public:
  Stream(v1::TextAnalytics::Stub* stub, Shared* shared, size_t first)
      : stub_(stub), shared_(shared), next_doc_(first) {}

  void Issue() {
    ctx_ = std::make_unique<grpc::ClientContext>();
    ctx_->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    const std::string& doc = (*shared_->docs)[next_doc_++ % shared_->docs->size()];
    start_ = Clock::now();
    auto done = [this](grpc::Status status) { OnDone(status); };
    if (shared_->call == "ClassifyText") {
      classify_.set_text(doc);
      classify_.set_model_id(shared_->model_id);
      stub_->async()->ClassifyText(ctx_.get(), &classify_, &classify_response_, done);
    } else {
      sentiment_.set_text(doc);
      sentiment_.set_language_code("en");
      stub_->async()->DetectSentiment(ctx_.get(), &sentiment_, &sentiment_response_, done);
    }
  }

  std::vector<double> latencies_us;
  size_t errors = 0;
  std::string first_error;

 private:
  void OnDone(const grpc::Status& status) {
    const Clock::time_point end = Clock::now();
    if (shared_->measuring.load(std::memory_order_relaxed)) {
      latencies_us.push_back(std::chrono::duration<double, std::micro>(end - start_).count());
      if (!status.ok()) {
        if (errors++ == 0) first_error = status.error_message();
      }
    }
    if (end < shared_->stop_at) return Issue();
    absl::MutexLock lock(&shared_->mu);
    --shared_->running;
  }

  v1::TextAnalytics::Stub* const stub_;
  Shared* const shared_;
  size_t next_doc_;
  std::unique_ptr<grpc::ClientContext> ctx_;
  Clock::time_point start_;
  v1::DetectSentimentRequest sentiment_;
  v1::DetectSentimentResponse sentiment_response_;
  v1::ClassifyTextRequest classify_;
  v1::ClassifyTextResponse classify_response_;
};

int Main(int argc, char** argv) {
  if (argc < 6) {
    std::fprintf(stderr,
                 "usage: %s ADDRESS CALL TEXT_FILE DOC_BYTES CONCURRENCY [SECONDS] [CHANNELS] "
                 "[MODEL_ID]\n",
                 argv[0]);
    return 2;
  }
  const std::string address = argv[1];
  Shared shared;
  shared.call = argv[2];
  const size_t doc_bytes = std::strtoul(argv[4], nullptr, 10);
  const int concurrency = std::atoi(argv[5]);
  const double seconds = argc > 6 ? std::atof(argv[6]) : 5;
  int channels = argc > 7 ? std::atoi(argv[7]) : 0;  // "" or 0: the default
  if (channels <= 0) channels = std::min(concurrency, 4);
  shared.model_id = argc > 8 ? argv[8] : "";
  const std::vector<std::string> docs = MakeDocuments(argv[3], doc_bytes, 512);
  if (docs.empty()) {
    std::fprintf(stderr, "no documents from %s\n", argv[3]);
    return 1;
  }
  shared.docs = &docs;
  std::vector<std::unique_ptr<v1::TextAnalytics::Stub>> stubs;
  for (int c = 0; c < channels; ++c) {
    grpc::ChannelArguments args;
    args.SetInt("wordloom.bench.channel", c);  // distinct args: one connection each
    stubs.push_back(v1::TextAnalytics::NewStub(
        grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), args)));
  }
  std::vector<std::unique_ptr<Stream>> streams;
  for (int i = 0; i < concurrency; ++i) {
    streams.push_back(std::make_unique<Stream>(stubs[i % channels].get(), &shared, i * 7));
  }
  const Clock::time_point start = Clock::now();
  const auto warmup = std::chrono::milliseconds(1000);
  shared.stop_at = start + warmup + std::chrono::microseconds(static_cast<int64_t>(seconds * 1e6));
  shared.running = concurrency;
  for (auto& s : streams) s->Issue();
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
  std::printf("%s\n", StatsJson("grpc", shared.call, doc_bytes, concurrency, stats).c_str());
  if (stats.errors > 0) std::fprintf(stderr, "first error: %s\n", first_error.c_str());
  return 0;
}

}  // namespace
}  // namespace wordloom::bench

int main(int argc, char** argv) { return wordloom::bench::Main(argc, argv); }
