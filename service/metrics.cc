#include "service/metrics.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "core/strings.h"
#include "service/status_bridge.h"

namespace wordloom::service {

void Metrics::Record(std::string_view method, absl::StatusCode code, double seconds) {
  size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  absl::MutexLock lock(&mu_);
  auto it = methods_.find(method);
  if (it == methods_.end()) it = methods_.emplace(std::string(method), MethodStats{}).first;
  MethodStats& stats = it->second;
  ++stats.by_code[code];
  if (bucket < kBuckets.size()) ++stats.buckets[bucket];
  ++stats.count;
  stats.sum_seconds += seconds;
}

void Metrics::AddGauge(std::string name, std::string help, std::function<double()> read) {
  absl::MutexLock lock(&mu_);
  gauges_.push_back({std::move(name), std::move(help), std::move(read)});
}

std::string Metrics::Render() const {
  absl::MutexLock lock(&mu_);
  std::string out =
      "# HELP wordloom_requests_total Finished requests by method and status code.\n"
      "# TYPE wordloom_requests_total counter\n";
  for (const auto& [method, stats] : methods_) {
    for (const auto& [code, n] : stats.by_code) {
      absl::StrAppend(&out, "wordloom_requests_total{method=\"", method, "\",code=\"",
                      StatusCodeName(code), "\"} ", n, "\n");
    }
  }
  out +=
      "# HELP wordloom_request_errors_total Requests that did not finish OK, by method.\n"
      "# TYPE wordloom_request_errors_total counter\n";
  for (const auto& [method, stats] : methods_) {
    uint64_t errors = 0;
    for (const auto& [code, n] : stats.by_code) errors += code == absl::StatusCode::kOk ? 0 : n;
    absl::StrAppend(&out, "wordloom_request_errors_total{method=\"", method, "\"} ", errors, "\n");
  }
  out +=
      "# HELP wordloom_request_duration_seconds Request latency by method.\n"
      "# TYPE wordloom_request_duration_seconds histogram\n";
  for (const auto& [method, stats] : methods_) {
    uint64_t cumulative = 0;
    for (size_t b = 0; b < kBuckets.size(); ++b) {
      cumulative += stats.buckets[b];
      absl::StrAppend(&out, "wordloom_request_duration_seconds_bucket{method=\"", method,
                      "\",le=\"", kBuckets[b], "\"} ", cumulative, "\n");
    }
    absl::StrAppend(&out, "wordloom_request_duration_seconds_bucket{method=\"", method,
                    "\",le=\"+Inf\"} ", stats.count, "\n");
    absl::StrAppend(&out, "wordloom_request_duration_seconds_sum{method=\"", method, "\"} ",
                    absl::StrFormat("%.6f", stats.sum_seconds), "\n");
    absl::StrAppend(&out, "wordloom_request_duration_seconds_count{method=\"", method, "\"} ",
                    stats.count, "\n");
  }
  for (const Gauge& g : gauges_) {
    absl::StrAppend(&out, "# HELP ", g.name, " ", g.help, "\n# TYPE ", g.name, " gauge\n", g.name,
                    " ", g.read(), "\n");
  }
  return out;
}

}  // namespace wordloom::service
