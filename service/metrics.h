// Request metrics in Prometheus' text exposition format (served at
// GET /metrics on the HTTP port): requests and errors per method and status
// code, a latency histogram per method, and gauges read at scrape time
// (work queue depth, loaded models, model memory).
//
// Thread-safe: Record() and Render() may be called from any thread.
#ifndef WORDLOOM_SERVICE_METRICS_H_
#define WORDLOOM_SERVICE_METRICS_H_

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"

namespace wordloom::service {

class Metrics {
 public:
  Metrics() = default;
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // Counts one finished request of `method` (e.g. "grpc/Tokenize",
  // "http/DetectSentiment") with result `code`, taking `seconds`.
  void Record(std::string_view method, absl::StatusCode code, double seconds);

  // Adds a gauge evaluated on each Render(); `read` must be thread-safe and
  // outlive this object's use.
  void AddGauge(std::string name, std::string help, std::function<double()> read);

  // The whole exposition, text format 0.0.4.
  std::string Render() const;

  // Upper bounds (seconds) of the latency histogram buckets.
  // From 25 us: small calls run inline take tens of microseconds.
  static constexpr std::array<double, 16> kBuckets = {
      0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
      0.01,     0.025,   0.05,   0.1,     0.25,   0.5,   1.0,    5.0};

 private:
  struct MethodStats {
    std::map<absl::StatusCode, uint64_t> by_code;
    std::array<uint64_t, kBuckets.size()> buckets{};  // non-cumulative
    uint64_t count = 0;
    double sum_seconds = 0;
  };
  struct Gauge {
    std::string name, help;
    std::function<double()> read;
  };

  mutable absl::Mutex mu_;
  std::map<std::string, MethodStats, std::less<>> methods_ ABSL_GUARDED_BY(mu_);
  std::vector<Gauge> gauges_ ABSL_GUARDED_BY(mu_);
};

}  // namespace wordloom::service

#endif  // WORDLOOM_SERVICE_METRICS_H_
