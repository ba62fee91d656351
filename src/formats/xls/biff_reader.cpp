// [MS-XLS] 2.1.4 records and 2.4.58 CONTINUE.
#include "formats/xls/biff_reader.h"

namespace lg::xls {

bool BiffReader::next(BiffRecord& rec) {
  auto type = r_.u16le(pos_);
  auto size = r_.u16le(pos_ + 2);
  if (!type || !size) {
    truncated_ = pos_ < r_.size();
    return false;
  }
  auto body = r_.subspan(pos_ + 4, *size);
  if (!body) {
    truncated_ = true;
    body = r_.tail(pos_ + 4);
  }
  continue_offsets_.clear();
  rec.type = *type;
  rec.offset = pos_;
  rec.body = *body;
  pos_ += 4 + body->size();
  // Append following CONTINUE records; each is consumed even past the merge cap.
  bool merging = false;
  while (!truncated_) {
    auto ct = r_.u16le(pos_);
    auto cs = r_.u16le(pos_ + 2);
    if (!ct || !cs || *ct != kContinue || rec.type == kContinue) break;
    auto more = r_.subspan(pos_ + 4, *cs);
    if (!more) {
      truncated_ = true;
      more = r_.tail(pos_ + 4);
    }
    if (!merging) {
      merged_.assign(rec.body.begin(), rec.body.end());
      merging = true;
    }
    if (merged_.size() + more->size() <= kMaxMergedBytes) {
      continue_offsets_.push_back(merged_.size());
      merged_.insert(merged_.end(), more->begin(), more->end());
    }
    pos_ += 4 + more->size();
  }
  if (merging) rec.body = ByteView(merged_);
  return true;
}

}  // namespace lg::xls
