#pragma once
/// DKIM canonicalization ([RFC 6376] 3.4) of header fields and bodies. Input may have CRLF or
/// bare LF line ends (mailboxes store LF); output always has CRLF, as on the wire.
#include <string>
#include <string_view>

#include "detect/dkim_tags.h"

namespace lg {

/// One header field as written ("Name: value", folded lines kept, no final line break),
/// canonicalized and followed by CRLF ([RFC 6376] 3.4.1, 3.4.2).
std::string dkim_canon_header(std::string_view field, DkimCanon canon);

/// The whole body canonicalized ([RFC 6376] 3.4.3, 3.4.4). Linear.
std::string dkim_canon_body(std::string_view body, DkimCanon canon);

/// `field` (a DKIM-Signature as written) with the value of its b= tag removed and everything
/// else kept byte for byte ([RFC 6376] 3.7: the signature is computed with b= empty).
std::string dkim_without_b_value(std::string_view field);

}  // namespace lg
