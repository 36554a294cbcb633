// Tests for LineBatchReader over mapped files and file descriptors (pipes):
// line splitting, CR LF, missing final newline, empty input, overlong lines,
// and the line numbers and byte offsets every line carries.
#include "core/line_reader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <string>
#include <thread>
#include <vector>

#include "tests/test_util.h"

namespace wordloom {
namespace {

struct Line {
  std::string text;
  uint64_t number;
  uint64_t offset;
  bool operator==(const Line&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Line& l) {
  return os << "{\"" << l.text << "\", line " << l.number << ", byte " << l.offset << "}";
}

// Reads every batch; checks batch invariants; returns all lines.
std::vector<Line> ReadAll(LineBatchReader& reader, size_t* num_batches = nullptr) {
  std::vector<Line> lines;
  size_t batches = 0;
  while (true) {
    auto batch = reader.Next();
    EXPECT_TRUE(batch.ok()) << batch.status();
    if (!batch.ok() || !batch->has_value()) break;
    const LineBatch& b = **batch;
    ++batches;
    EXPECT_FALSE(b.lines.empty());
    EXPECT_EQ(b.lines.size(), b.offsets.size());
    EXPECT_EQ(b.first_line, lines.size() + 1);
    for (size_t i = 0; i < b.lines.size(); ++i) {
      lines.push_back({std::string(b.lines[i]), b.first_line + i, b.offsets[i]});
    }
  }
  if (num_batches) *num_batches = batches;
  return lines;
}

std::vector<Line> ReadFileLines(const std::string& contents, size_t batch_bytes,
                                size_t* num_batches = nullptr) {
  const std::string path = testing::TempDir() + "/input.txt";
  testing::WriteFile(path, contents);
  auto reader = LineBatchReader::Open(path, batch_bytes);
  EXPECT_TRUE(reader.ok()) << reader.status();
  if (!reader.ok()) return {};
  EXPECT_EQ((*reader)->total_bytes(), contents.size());
  return ReadAll(**reader, num_batches);
}

// Feeds `contents` through a pipe in small writes from another thread.
std::vector<Line> ReadPipeLines(const std::string& contents, size_t batch_bytes,
                                size_t* num_batches = nullptr) {
  int fds[2];
  EXPECT_EQ(::pipe(fds), 0);
  std::thread writer([&] {
    for (size_t i = 0; i < contents.size(); i += 7) {
      size_t n = std::min<size_t>(7, contents.size() - i);
      EXPECT_EQ(::write(fds[1], contents.data() + i, n), static_cast<ssize_t>(n));
    }
    ::close(fds[1]);
  });
  auto reader = LineBatchReader::FromFd(fds[0], "<pipe>", batch_bytes);
  EXPECT_EQ(reader->name(), "<pipe>");
  std::vector<Line> lines = ReadAll(*reader, num_batches);
  writer.join();
  ::close(fds[0]);
  return lines;
}

// The reference: split on '\n', drop one '\r' before it, no line after a
// final '\n'.
std::vector<Line> Expected(const std::string& contents) {
  std::vector<Line> lines;
  size_t start = 0;
  while (start < contents.size()) {
    size_t nl = contents.find('\n', start);
    size_t end = nl == std::string::npos ? contents.size() : nl;
    std::string text = contents.substr(start, end - start);
    if (!text.empty() && text.back() == '\r') text.pop_back();
    lines.push_back({text, lines.size() + 1, start});
    start = end + 1;
  }
  return lines;
}

class LineReaderTest : public ::testing::TestWithParam<bool> {
 protected:
  std::vector<Line> Read(const std::string& contents, size_t batch_bytes,
                         size_t* num_batches = nullptr) {
    return GetParam() ? ReadPipeLines(contents, batch_bytes, num_batches)
                      : ReadFileLines(contents, batch_bytes, num_batches);
  }
};

TEST_P(LineReaderTest, SplitsLinesWithNumbersAndOffsets) {
  const std::string text = "alpha\nbeta\ngamma delta\n";
  std::vector<Line> expected = {{"alpha", 1, 0}, {"beta", 2, 6}, {"gamma delta", 3, 11}};
  EXPECT_EQ(Read(text, 1 << 20), expected);
  EXPECT_EQ(Read(text, 1), expected);  // one line per batch
}

TEST_P(LineReaderTest, CrLfIsStripped) {
  std::vector<Line> expected = {{"a", 1, 0}, {"b", 2, 3}, {"c\rd", 3, 6}};
  EXPECT_EQ(Read("a\r\nb\r\nc\rd\r\n", 1 << 20), expected);
}

TEST_P(LineReaderTest, NoTrailingNewline) {
  std::vector<Line> expected = {{"first", 1, 0}, {"last", 2, 6}};
  EXPECT_EQ(Read("first\nlast", 1 << 20), expected);
  EXPECT_EQ(Read("first\nlast", 3), expected);
}

TEST_P(LineReaderTest, EmptyInputGivesNoBatches) {
  size_t batches = 99;
  EXPECT_TRUE(Read("", 16, &batches).empty());
  EXPECT_EQ(batches, 0u);
}

TEST_P(LineReaderTest, EmptyLinesAreKept) {
  EXPECT_EQ(Read("\n", 1 << 20), (std::vector<Line>{{"", 1, 0}}));
  EXPECT_EQ(Read("\n\n", 1 << 20), (std::vector<Line>{{"", 1, 0}, {"", 2, 1}}));
  const std::string text = "a\n\nb\n\n\nc\n\n";
  EXPECT_EQ(Read(text, 1 << 20), Expected(text));
  EXPECT_EQ(Read(text, 1), Expected(text));
  EXPECT_EQ(Read(text, 2), Expected(text));
}

TEST_P(LineReaderTest, LongLineStaysWhole) {
  const std::string long_line(100000, 'x');
  const std::string text = "short\n" + long_line + "\nend\n";
  size_t batches = 0;
  std::vector<Line> lines = Read(text, 64, &batches);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[1].text, long_line);
  EXPECT_EQ(lines[1].offset, 6u);
  EXPECT_EQ(lines[2], (Line{"end", 3, 6 + long_line.size() + 1}));
  EXPECT_GE(batches, 2u);
}

TEST_P(LineReaderTest, ManyLinesManyBatchSizes) {
  std::string text;
  for (int i = 0; i < 2000; ++i) {
    text += std::string(i % 13, 'a' + i % 26);
    text += (i % 5 == 0) ? "\r\n" : "\n";
  }
  text += "tail";
  const std::vector<Line> expected = Expected(text);
  for (size_t batch_bytes : {1, 10, 100, 4096, 1 << 20}) {
    size_t batches = 0;
    EXPECT_EQ(Read(text, batch_bytes, &batches), expected) << "batch_bytes " << batch_bytes;
    if (batch_bytes == 1 << 20) {
      EXPECT_EQ(batches, 1u);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(FileAndPipe, LineReaderTest, ::testing::Bool(),
                         [](const auto& info) { return info.param ? "Pipe" : "File"; });

TEST(LineReaderOpenTest, MissingFileIsNotFound) {
  auto reader = LineBatchReader::Open(testing::TempDir() + "/missing.txt");
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(reader.status().message().find("missing.txt"), absl::string_view::npos);
}

TEST(LineReaderOpenTest, BatchViewsOutliveReader) {
  const std::string path = testing::TempDir() + "/f.txt";
  testing::WriteFile(path, "keep me\n");
  std::optional<LineBatch> batch;
  {
    auto reader = LineBatchReader::Open(path);
    ASSERT_TRUE(reader.ok());
    auto next = (*reader)->Next();
    ASSERT_TRUE(next.ok());
    batch = std::move(*next);
  }
  ASSERT_TRUE(batch.has_value());
  EXPECT_EQ(batch->lines.at(0), "keep me");
  EXPECT_EQ(batch->bytes(), 7u);
}

}  // namespace
}  // namespace wordloom
