// wordloom pii [--redact] [--redact-mode mask|type] [--entities-model MODEL] [FILE...]
//     one JSON object per input line, as Comprehend's DetectPiiEntities:
//     {"Entities":[{"Score":0.99,"Type":"EMAIL","BeginOffset":9,"EndOffset":26}]}
//     Offsets are UTF-8 byte offsets within the line. With --redact the
//     object also has "RedactedText" (the line with each entity masked, or
//     replaced by "[TYPE]" under --redact-mode type).
//
// NAME and ADDRESS come from the named-entity tagger (PERSON -> NAME,
// LOCATION -> ADDRESS) when its model is there (--entities-model, default
// models/entities.wlm); the pattern types (EMAIL, PHONE, CREDIT_DEBIT_NUMBER,
// ...) need no model.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "nlp/analyze/entities/entity_recognizer.h"
#include "nlp/analyze/pii/pii_detector.h"
#include "nlp/analyze/pii/redactor.h"
#include "tools/analyze_lines.h"
#include "tools/command.h"
#include "tools/output.h"

namespace wordloom::tools {
namespace {

namespace pii = analyze::pii;
namespace entities = analyze::entities;

struct PiiFlags {
  std::vector<std::string> files;
  std::string entities_model;
  bool no_entities = false;
  bool redact = false;
  std::string redact_mode = "mask";
  size_t threads = 0;
};

// NAME / ADDRESS spans from the tagger's PERSON / LOCATION entities.
pii::EntityProvider TaggerProvider(std::shared_ptr<const entities::EntityRecognizer> tagger) {
  return [tagger](std::string_view text) -> absl::StatusOr<std::vector<pii::PiiEntity>> {
    WL_ASSIGN_OR_RETURN(std::vector<entities::Entity> found, tagger->Detect(text));
    std::vector<pii::PiiEntity> out;
    for (const entities::Entity& e : found) {
      if (e.type == "PERSON") {
        out.push_back({pii::PiiType::kName, e.score, e.begin, e.end});
      } else if (e.type == "LOCATION") {
        out.push_back({pii::PiiType::kAddress, e.score, e.begin, e.end});
      }
    }
    return out;
  };
}

void AppendEntities(const std::vector<pii::PiiEntity>& found, std::string* out) {
  out->append("{\"Entities\":[");
  for (size_t i = 0; i < found.size(); ++i) {
    const pii::PiiEntity& e = found[i];
    absl::StrAppend(out, i > 0 ? "," : "", "{\"Score\":", e.score, ",\"Type\":\"",
                    std::string(pii::PiiTypeName(e.type)), "\",\"BeginOffset\":", e.begin,
                    ",\"EndOffset\":", e.end, "}");
  }
  out->append("]");
}

// The detector, with the tagger when its model is there (or was asked for).
absl::StatusOr<std::shared_ptr<const pii::PiiDetector>> MakeDetector(const PiiFlags& flags) {
  pii::PiiOptions options;
  if (!flags.no_entities) {
    const bool explicit_model = !flags.entities_model.empty();
    const std::string path =
        explicit_model ? flags.entities_model : DefaultModelPath("entities.wlm");
    if (explicit_model || std::filesystem::exists(path)) {
      WL_ASSIGN_OR_RETURN(std::shared_ptr<const entities::EntityRecognizer> tagger,
                          entities::EntityRecognizer::Load(path));
      options.entities = TaggerProvider(std::move(tagger));
    } else {
      std::fprintf(stderr,
                   "wordloom pii: no entity model at %s: NAME and ADDRESS are not detected "
                   "(scripts/train-default-models.sh trains it)\n",
                   path.c_str());
    }
  }
  WL_ASSIGN_OR_RETURN(std::shared_ptr<const pii::PiiDetector> detector,
                      pii::PiiDetector::Create(std::move(options)));
  return detector;
}

absl::Status RunPii(const PiiFlags& flags) {
  WL_ASSIGN_OR_RETURN(std::shared_ptr<const pii::PiiDetector> detector, MakeDetector(flags));
  pii::RedactOptions redact;
  redact.mode = flags.redact_mode == "type" ? pii::RedactOptions::Mode::kReplaceWithType
                                            : pii::RedactOptions::Mode::kMask;
  const bool with_text = flags.redact;
  return AnalyzeLines(flags.files, flags.threads,
                      [detector, redact, with_text](std::string_view line,
                                                    std::string* out) -> absl::Status {
                        WL_ASSIGN_OR_RETURN(std::vector<pii::PiiEntity> found,
                                            detector->Detect(line));
                        AppendEntities(found, out);
                        if (with_text) {
                          out->append(",\"RedactedText\":");
                          AppendJsonString(out, pii::Redact(line, found, redact));
                        }
                        out->push_back('}');
                        return absl::OkStatus();
                      });
}

}  // namespace

void AddPiiCommand(CLI::App& app) {
  auto flags = std::make_shared<PiiFlags>();
  CLI::App* cmd = app.add_subcommand(
      "pii", "PII entities of each input line (JSON lines, as DetectPiiEntities), or redaction");
  cmd->add_option("files", flags->files, "Input files (default: stdin; '-' is stdin)");
  cmd->add_flag("--redact", flags->redact, "Also give each line with its PII redacted");
  cmd->add_option("--redact-mode", flags->redact_mode,
                  "mask: every character becomes '*'; type: the entity becomes [TYPE]")
      ->check(CLI::IsMember({"mask", "type"}));
  cmd->add_option("--entities-model", flags->entities_model,
                  "Entity tagger for NAME / ADDRESS (default: models/entities.wlm when present)");
  cmd->add_flag("--no-entities", flags->no_entities, "Pattern types only: no NAME / ADDRESS");
  cmd->add_option("--threads", flags->threads, "Worker threads (default: all cores)");
  SetAction(cmd, [flags] { return RunPii(*flags); });
}

}  // namespace wordloom::tools
