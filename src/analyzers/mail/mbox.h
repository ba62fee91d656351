#pragma once
/// Splitting an mbox file into messages (mboxo/mboxrd: a line starting "From " after a blank
/// line, or at the start, begins a message; the "From " line itself is not part of it).
#include <vector>

#include "core/bytes.h"

namespace lg {

/// Views into `mbox`, one per message, without the "From " separator line.
/// Input that does not start with "From " is one message.
std::vector<ByteView> split_mbox(ByteView mbox, std::size_t max_messages);

}  // namespace lg
