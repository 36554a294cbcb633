#include "nlp/analyze/entities/tag_set.h"

#include <utility>

namespace wordloom::analyze::entities {

TagSet::TagSet(std::vector<std::string> types) : types_(std::move(types)) {}

bool TagSet::Allowed(int prev, int cur) {
  const bool prev_open = prev > 0 && (Part(prev) == TagPart::kB || Part(prev) == TagPart::kI);
  if (cur < 0) return !prev_open;
  const TagPart part = Part(cur);
  const bool cur_continues = part == TagPart::kI || part == TagPart::kL;
  if (prev_open) return cur_continues && Type(prev) == Type(cur);
  return !cur_continues;
}

std::string TagSet::Name(int tag) const {
  if (tag == 0) return "O";
  static constexpr char kParts[] = "OBILU";
  std::string name(1, kParts[static_cast<int>(Part(tag))]);
  name.push_back('-');
  name.append(types_[Type(tag)]);
  return name;
}

int TagSet::TypeIndex(std::string_view type) const {
  for (size_t i = 0; i < types_.size(); ++i) {
    if (types_[i] == type) return static_cast<int>(i);
  }
  return -1;
}

std::string_view ComprehendType(std::string_view conll_type) {
  if (conll_type == "PER") return "PERSON";
  if (conll_type == "LOC") return "LOCATION";
  if (conll_type == "ORG") return "ORGANIZATION";
  if (conll_type == "MISC") return "OTHER";
  return conll_type;
}

}  // namespace wordloom::analyze::entities
