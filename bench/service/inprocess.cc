// The same calls as service_grpc_load, made in-process on the library
// (service::Analytics, the object the gRPC handlers call) by THREADS
// threads, each calling back to back: the cost without gRPC. Prints one JSON
// line per run.
//
//   service_inprocess MODELS_DIR CALL TEXT_FILE DOC_BYTES THREADS [SECONDS=5] [MODEL_ID]
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "bench/service/bench_common.h"
#include "service/analytics.h"
#include "service/model_loaders.h"
#include "service/model_registry.h"

namespace wordloom::bench {
namespace {

using Clock = std::chrono::steady_clock;
namespace v1 = wordloom::v1;

int Main(int argc, char** argv) {
  if (argc < 6) {
    std::fprintf(stderr, "usage: %s MODELS_DIR CALL TEXT_FILE DOC_BYTES THREADS [SECONDS] "
                 "[MODEL_ID]\n", argv[0]);
    return 2;
  }
  const std::string call = argv[2];
  const size_t doc_bytes = std::strtoul(argv[4], nullptr, 10);
  const int threads = std::atoi(argv[5]);
  const double seconds = argc > 6 ? std::atof(argv[6]) : 5;
  const std::string model_id = argc > 7 ? argv[7] : "";
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);  // as wordloomd
  auto registry = service::ModelRegistry::Create(
      {.models_dir = argv[1], .eager_load = true, .poll_interval = absl::ZeroDuration()},
      service::BuiltinModelLoaders());
  if (!registry.ok()) {
    std::fprintf(stderr, "%s\n", std::string(registry.status().message()).c_str());
    return 1;
  }
  auto analytics = service::Analytics::Create(registry->get());
  if (!analytics.ok()) return 1;
  const std::vector<std::string> docs = MakeDocuments(argv[3], doc_bytes, 512);
  if (docs.empty()) return 1;
  std::atomic<bool> measuring{false}, stop{false};
  std::vector<std::vector<double>> latencies(threads);
  std::vector<size_t> errors(threads);
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      size_t next = t * 7;
      while (!stop.load(std::memory_order_relaxed)) {
        const std::string& doc = docs[next++ % docs.size()];
        const Clock::time_point start = Clock::now();
        absl::Status status;
        if (call == "ClassifyText") {
          v1::ClassifyTextRequest request;
          request.set_text(doc);
          request.set_model_id(model_id);
          v1::ClassifyTextResponse response;
          status = (*analytics)->ClassifyText(request, &response);
        } else {
          v1::DetectSentimentRequest request;
          request.set_text(doc);
          request.set_language_code("en");
          v1::DetectSentimentResponse response;
          status = (*analytics)->DetectSentiment(request, &response);
        }
        const Clock::time_point end = Clock::now();
        if (measuring.load(std::memory_order_relaxed)) {
          latencies[t].push_back(std::chrono::duration<double, std::micro>(end - start).count());
          if (!status.ok() && errors[t]++ == 0) {
            std::fprintf(stderr, "%s\n", std::string(status.message()).c_str());
          }
        }
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));
  const double cpu0 = ProcessCpuSeconds(0);
  measuring.store(true);
  const Clock::time_point start = Clock::now();
  std::this_thread::sleep_for(std::chrono::microseconds(static_cast<int64_t>(seconds * 1e6)));
  measuring.store(false);
  const double cpu = ProcessCpuSeconds(0) - cpu0;
  RunStats stats;
  stats.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  stop.store(true);
  for (std::thread& w : workers) w.join();
  std::vector<double> all;
  for (int t = 0; t < threads; ++t) {
    all.insert(all.end(), latencies[t].begin(), latencies[t].end());
    stats.errors += errors[t];
  }
  stats.calls = all.size();
  if (stats.calls > 0) stats.server_cpu_us = cpu * 1e6 / stats.calls;
  Percentiles(&all, &stats);
  std::printf("%s\n", StatsJson("inprocess", call, doc_bytes, threads, stats).c_str());
  return 0;
}

}  // namespace
}  // namespace wordloom::bench

int main(int argc, char** argv) { return wordloom::bench::Main(argc, argv); }
