// wordloomd: the wordloom server. Turns flags (and --config) into
// ServerOptions and serves until SIGTERM; see server_flags.h.
#include <cstdio>
#include <string>

#include "CLI/CLI.hpp"
#include "service/server_flags.h"

int main(int argc, char** argv) {
  CLI::App app("wordloomd: gRPC text analytics server with a Comprehend-compatible JSON endpoint");
  wordloom::service::ServerFlags flags;
  wordloom::service::AddServerFlags(&app, &flags);
  CLI11_PARSE(app, argc, argv);
  absl::Status status = wordloom::service::RunServerUntilSignal(flags);
  if (!status.ok()) {
    std::fprintf(stderr, "wordloomd: %s\n", std::string(status.message()).c_str());
    return 1;
  }
  return 0;
}
