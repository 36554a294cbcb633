// The language options shared by the commands whose model knows one language
// (`wordloom sentiment`, `entities`, and their trainers): --language-code and
// the check that refuses text in another language (Comprehend's
// UnsupportedLanguageException; analyze/language/language_gate.h).
#ifndef WORDLOOM_TOOLS_LANGUAGE_FLAGS_H_
#define WORDLOOM_TOOLS_LANGUAGE_FLAGS_H_

#include <memory>
#include <string>
#include <string_view>

#include "CLI/CLI.hpp"
#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace wordloom::analyze::language {
class LanguageIdentifier;
}

namespace wordloom::tools {

struct LanguageFlags {
  std::string language_code;   // "" = detect each line's language
  std::string language_model;  // "" = models/language.wlm when present
};

// Adds --language-code and --language-model to an analysis command.
void AddLanguageOptions(CLI::App* command, LanguageFlags* flags);

// Refuses lines in a language the model does not know. Immutable after
// Create(); Check() is thread-safe.
class LineLanguageGate {
 public:
  // `what` names the model ("sentiment"). InvalidArgument at once when an
  // explicit --language-code is not the model's language; without a code,
  // lines are checked with the language model (none: every line passes).
  static absl::StatusOr<LineLanguageGate> Create(std::string_view what,
                                                 std::string model_language,
                                                 const LanguageFlags& flags);
  absl::Status Check(std::string_view line) const;

 private:
  std::string what_;
  std::string model_language_;
  std::string requested_;
  std::shared_ptr<const analyze::language::LanguageIdentifier> identifier_;
};

}  // namespace wordloom::tools

#endif  // WORDLOOM_TOOLS_LANGUAGE_FLAGS_H_
