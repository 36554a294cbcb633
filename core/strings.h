// Bridges between std::string_view (wordloom's API type) and Debian's
// Abseil, which is built with its own absl::string_view class
// (ABSL_OPTION_USE_STD_STRING_VIEW 0) that std::string_view does not convert
// to implicitly. Also string-keyed hash containers with std::string_view
// lookups.
#ifndef WORDLOOM_CORE_STRINGS_H_
#define WORDLOOM_CORE_STRINGS_H_

#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"
#include "absl/strings/string_view.h"

namespace wordloom {

inline absl::string_view ToAbsl(std::string_view s) { return {s.data(), s.size()}; }
inline std::string_view ToStd(absl::string_view s) { return {s.data(), s.size()}; }

// Transparent hash and equality so StringMap/StringSet look up by
// std::string_view without building a std::string.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return absl::Hash<absl::string_view>{}(ToAbsl(s)); }
};
struct StringEq {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const { return a == b; }
};

template <typename V>
using StringMap = absl::flat_hash_map<std::string, V, StringHash, StringEq>;
using StringSet = absl::flat_hash_set<std::string, StringHash, StringEq>;

}  // namespace wordloom

#endif  // WORDLOOM_CORE_STRINGS_H_
