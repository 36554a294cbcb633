// Registers the word-embedding commands (one file each).
#include "tools/command.h"

namespace wordloom::tools {

void AddTrainVectorsCommand(CLI::App& app);
void AddVectorsCommand(CLI::App& app);
void AddNeighborsCommand(CLI::App& app);
void AddAnalogyCommand(CLI::App& app);
void AddEvalVectorsCommand(CLI::App& app);

void AddWord2VecCommands(CLI::App& app) {
  AddTrainVectorsCommand(app);
  AddVectorsCommand(app);
  AddNeighborsCommand(app);
  AddAnalogyCommand(app);
  AddEvalVectorsCommand(app);
}

}  // namespace wordloom::tools
