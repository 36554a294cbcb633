// The anchor for bench/tokenize: the plainest fast use of ICU word
// segmentation — per line, a UText over the UTF-8 bytes, one reused
// BreakIterator, counting word segments (rule status != UBRK_WORD_NONE).
// No normalization, no classes, no output.
//
//   bench_icu_word_loop FILE   -> prints "bytes words seconds MB/s"
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>

#include "core/mapped_file.h"
#include "unicode/brkiter.h"
#include "unicode/utext.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s FILE\n", argv[0]);
    return 2;
  }
  auto file = wordloom::MappedFile::Open(argv[1]);
  if (!file.ok()) {
    std::fprintf(stderr, "%s\n", std::string(file.status().message()).c_str());
    return 1;
  }
  const std::string_view text = (*file)->view();
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> bi(
      icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  UText* ut = nullptr;
  uint64_t words = 0;
  auto start = std::chrono::steady_clock::now();
  size_t pos = 0;
  while (pos < text.size()) {
    const void* nl = std::memchr(text.data() + pos, '\n', text.size() - pos);
    size_t end = nl ? static_cast<const char*>(nl) - text.data() : text.size();
    ut = utext_openUTF8(ut, text.data() + pos, static_cast<int64_t>(end - pos), &status);
    bi->setText(ut, status);
    for (int32_t b = bi->next(); b != icu::BreakIterator::DONE; b = bi->next()) {
      if (bi->getRuleStatus() != UBRK_WORD_NONE) ++words;
    }
    pos = end + 1;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  utext_close(ut);
  if (U_FAILURE(status)) {
    std::fprintf(stderr, "ICU error: %s\n", u_errorName(status));
    return 1;
  }
  std::printf("%zu %llu %.3f %.1f\n", text.size(), static_cast<unsigned long long>(words), seconds,
              text.size() / seconds / 1e6);
  return 0;
}
