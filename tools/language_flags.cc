#include "tools/language_flags.h"

#include <unistd.h>

#include "core/status_macros.h"
#include "nlp/analyze/language/language_gate.h"
#include "nlp/analyze/language/language_identifier.h"
#include "tools/analyze_lines.h"

namespace wordloom::tools {

namespace lang = analyze::language;

void AddLanguageOptions(CLI::App* command, LanguageFlags* flags) {
  command->add_option("--language-code", flags->language_code,
                      "Language of the input (ISO 639-1); default: detect each line's and "
                      "refuse lines confidently in another language than the model's");
  command->add_option("--language-model", flags->language_model,
                      "Language model for that detection (default: models/language.wlm "
                      "when present)");
}

absl::StatusOr<LineLanguageGate> LineLanguageGate::Create(std::string_view what,
                                                          std::string model_language,
                                                          const LanguageFlags& flags) {
  LineLanguageGate gate;
  gate.what_ = std::string(what);
  gate.model_language_ = std::move(model_language);
  gate.requested_ = flags.language_code;
  if (!gate.requested_.empty()) {
    WL_RETURN_IF_ERROR(lang::CheckTextLanguage(what, gate.model_language_, gate.requested_,
                                               "", nullptr));
    return gate;
  }
  std::string path = flags.language_model;
  if (path.empty()) {
    path = DefaultModelPath("language.wlm");
    if (access(path.c_str(), R_OK) != 0) return gate;  // no detection without a model
  }
  WL_ASSIGN_OR_RETURN(gate.identifier_, lang::LanguageIdentifier::Load(path));
  return gate;
}

absl::Status LineLanguageGate::Check(std::string_view line) const {
  return lang::CheckTextLanguage(what_, model_language_, requested_, line, identifier_.get());
}

}  // namespace wordloom::tools
