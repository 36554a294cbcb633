// CLD2 side of the language benchmark: one ISO code per input line (CLD2's
// DetectLanguage on plain text), and the detection time on stderr.
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <cld2/public/compact_lang_det.h>

int main() {
  std::vector<std::string> lines;
  for (std::string line; std::getline(std::cin, line);) lines.push_back(line);
  std::vector<const char*> codes(lines.size());
  size_t bytes = 0;
  const auto start = std::chrono::steady_clock::now();
  for (size_t i = 0; i < lines.size(); ++i) {
    bool reliable = false;
    CLD2::Language lang = CLD2::DetectLanguage(lines[i].data(), static_cast<int>(lines[i].size()),
                                               /*is_plain_text=*/true, &reliable);
    codes[i] = CLD2::LanguageCode(lang);
    bytes += lines[i].size();
  }
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (const char* code : codes) std::printf("%s\n", code);
  std::fprintf(stderr, "cld2: %zu lines, %zu bytes in %.4f s\n", lines.size(), bytes, secs);
  return 0;
}
