#include "service/log.h"

#include <atomic>
#include <cstdio>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "nlohmann/json.hpp"

namespace wordloom::service {
namespace {
std::atomic<bool> log_enabled{true};
}  // namespace

void SetLogEnabled(bool enabled) { log_enabled.store(enabled); }

void LogEvent(std::string_view event,
              std::initializer_list<std::pair<std::string_view, std::string>> fields) {
  if (!log_enabled.load(std::memory_order_relaxed)) return;
  nlohmann::ordered_json line;
  line["ts"] = absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", absl::Now(), absl::UTCTimeZone());
  line["event"] = std::string(event);
  for (const auto& [key, value] : fields) {
    if (!value.empty()) line[std::string(key)] = value;
  }
  std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  text.push_back('\n');
  std::fwrite(text.data(), 1, text.size(), stderr);
}

}  // namespace wordloom::service
