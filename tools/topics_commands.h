// Registration of the topic-model commands (train-topics, topics,
// eval-topics); AddTopicsCommands (tools/command.h) calls all three.
#ifndef WORDLOOM_TOOLS_TOPICS_COMMANDS_H_
#define WORDLOOM_TOOLS_TOPICS_COMMANDS_H_

#include "CLI/CLI.hpp"

namespace wordloom::tools {

void AddTrainTopicsCommand(CLI::App& app);
void AddTopicsCommand(CLI::App& app);
void AddEvalTopicsCommand(CLI::App& app);

}  // namespace wordloom::tools

#endif  // WORDLOOM_TOOLS_TOPICS_COMMANDS_H_
