#include "nlp/analyze/pii/redactor.h"

#include <algorithm>

namespace wordloom::analyze::pii {

std::string Redact(std::string_view text, const std::vector<PiiEntity>& entities,
                   const RedactOptions& options) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  for (const PiiEntity& e : entities) {
    const size_t begin = std::clamp<size_t>(e.begin, pos, text.size());
    const size_t end = std::clamp<size_t>(e.end, begin, text.size());
    out.append(text.substr(pos, begin - pos));
    if (options.mode == RedactOptions::Mode::kReplaceWithType) {
      out.push_back('[');
      out.append(PiiTypeName(e.type));
      out.push_back(']');
    } else {
      for (size_t i = begin; i < end; ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) out.push_back(options.mask_char);
      }
    }
    pos = end;
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace wordloom::analyze::pii
