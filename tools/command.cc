#include "tools/command.h"

#include <cstdio>
#include <string>

namespace wordloom::tools {
namespace {
int exit_code = 0;
}  // namespace

void RegisterCommands(CLI::App& app) {
  AddTokenizeCommand(app);
  AddSpmTrainCommand(app);
  AddWord2VecCommands(app);
  AddTopicsCommands(app);
  AddIndexCommand(app);
  AddTfidfCommand(app);
  AddKeyphrasesCommands(app);
  AddLanguageCommand(app);
  AddClassifierCommands(app);
  AddEntitiesCommands(app);
  AddSentimentCommands(app);
  AddPiiCommand(app);
}

void SetAction(CLI::App* command, std::function<absl::Status()> run) {
  command->callback([command, run = std::move(run)] {
    absl::Status status = run();
    std::fflush(stdout);
    if (!status.ok()) {
      std::fprintf(stderr, "wordloom %s: %s\n", command->get_name().c_str(),
                   std::string(status.message()).c_str());
      exit_code = status.code() == absl::StatusCode::kInvalidArgument ? 2 : 1;
    }
  });
}

int ExitCode() { return exit_code; }

}  // namespace wordloom::tools
