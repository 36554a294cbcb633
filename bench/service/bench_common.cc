#include "bench/service/bench_common.h"

#include <algorithm>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "absl/strings/str_format.h"

namespace wordloom::bench {

std::vector<std::string> MakeDocuments(const std::string& path, size_t bytes, size_t count) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    const bool ascii = std::all_of(line.begin(), line.end(),
                                   [](char c) { return c >= ' ' && c <= '~'; });
    if (ascii && line.size() > 20) lines.push_back(std::move(line));
  }
  std::vector<std::string> docs;
  size_t next = 0;
  while (!lines.empty() && docs.size() < count) {
    std::string doc;
    while (doc.size() < bytes) {
      if (!doc.empty()) doc += ' ';
      doc += lines[next++ % lines.size()];
    }
    const size_t cut = doc.rfind(' ', bytes);
    doc.resize(cut == std::string::npos ? bytes : cut);
    docs.push_back(std::move(doc));
  }
  return docs;
}

double ProcessCpuSeconds(int pid) {
  std::ifstream in(pid == 0 ? std::string("/proc/self/stat")
                            : "/proc/" + std::to_string(pid) + "/stat");
  std::string stat;
  std::getline(in, stat);
  const size_t paren = stat.rfind(')');
  if (paren == std::string::npos) return -1;
  // Fields after "pid (comm)": state is field 3; utime, stime are 14, 15.
  std::istringstream fields(stat.substr(paren + 2));
  std::string field;
  double utime = 0, stime = 0;
  for (int i = 3; i <= 15 && fields >> field; ++i) {
    if (i == 14) utime = std::stod(field);
    if (i == 15) stime = std::stod(field);
  }
  return (utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

void Percentiles(std::vector<double>* latencies_us, RunStats* stats) {
  if (latencies_us->empty()) return;
  auto at = [&](double q) {
    const size_t k = std::min(latencies_us->size() - 1,
                              static_cast<size_t>(q * static_cast<double>(latencies_us->size())));
    std::nth_element(latencies_us->begin(), latencies_us->begin() + k, latencies_us->end());
    return (*latencies_us)[k];
  };
  stats->p50_us = at(0.50);
  stats->p99_us = at(0.99);
}

std::string StatsJson(const std::string& mode, const std::string& call, size_t doc_bytes,
                      int concurrency, const RunStats& s) {
  return absl::StrFormat(
      "{\"mode\":\"%s\",\"call\":\"%s\",\"doc_bytes\":%d,\"concurrency\":%d,\"calls\":%d,"
      "\"errors\":%d,\"seconds\":%.3f,\"rps\":%.1f,\"p50_us\":%.1f,\"p99_us\":%.1f,"
      "\"server_cpu_us\":%.1f,\"client_cpu_us\":%.1f}",
      mode, call, doc_bytes, concurrency, s.calls, s.errors, s.seconds, s.per_second(), s.p50_us,
      s.p99_us, s.server_cpu_us, s.client_cpu_us);
}

}  // namespace wordloom::bench
