// Structured logs: one JSON object per line on stderr, e.g.
//   {"ts":"2026-11-25T11:00:00.123Z","event":"models.loaded","model_id":"lda"}
// Thread-safe (each line is written with one fwrite).
#ifndef WORDLOOM_SERVICE_LOG_H_
#define WORDLOOM_SERVICE_LOG_H_

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace wordloom::service {

// Writes one log line with `event` and `fields` (empty values are omitted).
void LogEvent(std::string_view event,
              std::initializer_list<std::pair<std::string_view, std::string>> fields = {});

// Turns logging off (tests) or on.
void SetLogEnabled(bool enabled);

}  // namespace wordloom::service

#endif  // WORDLOOM_SERVICE_LOG_H_
