// Shared pieces of the service benchmark: the documents (ASCII review
// sentences from a text file joined to a target size), the two requests
// measured, and latency statistics.
#ifndef WORDLOOM_BENCH_SERVICE_BENCH_COMMON_H_
#define WORDLOOM_BENCH_SERVICE_BENCH_COMMON_H_

#include <string>
#include <vector>

namespace wordloom::bench {

// Up to `count` documents of about `bytes` bytes (cut at a space, never
// above `bytes`), made by joining consecutive ASCII lines of `path`
// (non-ASCII lines are skipped). Empty if the file cannot be read.
std::vector<std::string> MakeDocuments(const std::string& path, size_t bytes, size_t count);

// Requests per second and latency percentiles of one run.
struct RunStats {
  double seconds = 0;
  size_t calls = 0;
  size_t errors = 0;
  double p50_us = 0, p99_us = 0;
  // CPU time (user + system) per call of the serving process and of the
  // load generator; -1 = not measured.
  double server_cpu_us = -1, client_cpu_us = -1;
  double per_second() const { return seconds > 0 ? calls / seconds : 0; }
};

// CPU seconds (user + system) used so far by process `pid` (0 = this one).
double ProcessCpuSeconds(int pid);

// Fills p50/p99 from `latencies_us` (reorders it).
void Percentiles(std::vector<double>* latencies_us, RunStats* stats);

// One JSON line describing a run.
std::string StatsJson(const std::string& mode, const std::string& call, size_t doc_bytes,
                      int concurrency, const RunStats& stats);

}  // namespace wordloom::bench

#endif  // WORDLOOM_BENCH_SERVICE_BENCH_COMMON_H_
