// `wordloom`: the command-line front end. Only turns argv into a command.
#include "CLI/CLI.hpp"
#include "tools/command.h"

int main(int argc, char** argv) {
  CLI::App app{"wordloom: text analytics — tokenize, keyphrases, topics, vectors, classify"};
  app.require_subcommand(1, 1);
  app.set_help_all_flag("--help-all", "Show help for every command");
  wordloom::tools::RegisterCommands(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return wordloom::tools::ExitCode();
}
