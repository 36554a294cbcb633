// Registers the supervised-classifier commands (one file each).
#include "tools/command.h"

namespace wordloom::tools {

void AddTrainClassifierCommand(CLI::App& app);
void AddClassifyCommand(CLI::App& app);
void AddTestClassifierCommand(CLI::App& app);
void AddQuantizeCommand(CLI::App& app);

void AddClassifierCommands(CLI::App& app) {
  AddTrainClassifierCommand(app);
  AddClassifyCommand(app);
  AddTestClassifierCommand(app);
  AddQuantizeCommand(app);
}

}  // namespace wordloom::tools
