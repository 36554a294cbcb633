// The `wordloom` CLI's command registry. Each command lives in its own
// *_command.cc, turns flags into library options, calls the library and
// prints; no text-analytics logic lives here (DESIGN.md).
#ifndef WORDLOOM_TOOLS_COMMAND_H_
#define WORDLOOM_TOOLS_COMMAND_H_

#include <functional>
#include <string>

#include "CLI/CLI.hpp"
#include "absl/status/status.h"

namespace wordloom::tools {

// Adds every command as a subcommand of `app`.
void RegisterCommands(CLI::App& app);

// Makes `run` the action of `command`: a failed status is printed to stderr
// as "wordloom <command>: <message>" and sets the process exit code.
void SetAction(CLI::App* command, std::function<absl::Status()> run);

// The exit code chosen by the command that ran (0 on success).
int ExitCode();

// One registration function per command (each in its own file).
void AddTokenizeCommand(CLI::App& app);
void AddSpmTrainCommand(CLI::App& app);
void AddWord2VecCommands(CLI::App& app);  // train-vectors, vectors, neighbors, analogy, eval-vectors
void AddTopicsCommands(CLI::App& app);  // topics: train-topics, topics, eval-topics
void AddIndexCommand(CLI::App& app);  // corpora: index, tfidf, keyphrases
void AddTfidfCommand(CLI::App& app);
void AddKeyphrasesCommands(CLI::App& app);  // keyphrases, eval-keyphrases
void AddLanguageCommand(CLI::App& app);  // language, train-language
void AddClassifierCommands(CLI::App& app);  // train-classifier, classify, test-classifier
void AddEntitiesCommands(CLI::App& app);  // entities, train-entities, eval-entities
void AddSentimentCommands(CLI::App& app);  // sentiment, train-sentiment, eval-sentiment
void AddPiiCommand(CLI::App& app);  // pii [--redact]

}  // namespace wordloom::tools

#endif  // WORDLOOM_TOOLS_COMMAND_H_
