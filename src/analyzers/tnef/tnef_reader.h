#pragma once
/// Transport Neutral Encapsulation Format ([MS-OXTNEF], the winmail.dat of Outlook's rich-text
/// mail): a signature (0x223E9F78, 2.1.3.1), a legacy key, then attributes (2.1.3.1:
/// attrLevel, idAttribute, cb, data, checksum). Message attributes come first; attachment
/// attributes follow, each attachment opening with attAttachRendData. The MAPI property lists
/// (attMsgProps, attAttachment; 2.1.3.4 MsgPropertyList) carry what the legacy attributes
/// lack: long file names, attachment data and the body.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/bytes.h"

namespace lg {

inline constexpr std::uint32_t kTnefSignature = 0x223E9F78;
/// Most attributes read from one stream, most attachments kept, most MAPI properties per list.
inline constexpr std::size_t kMaxTnefAttributes = 100'000;
inline constexpr std::size_t kMaxTnefAttachments = 10'000;
inline constexpr std::size_t kMaxTnefProperties = 100'000;
/// Most values of one multi-valued MAPI property.
inline constexpr std::size_t kMaxTnefValues = 100'000;

struct TnefAttachment {
  std::string title;      // attAttachTitle: 8-bit, in the message's OEM code page
  std::string long_name;  // PR_ATTACH_LONG_FILENAME (UTF-8 when it was PtypString)
  bool long_name_utf8 = false;
  std::string mime_tag;           // PR_ATTACH_MIME_TAG
  ByteView data;                  // attAttachData, else PR_ATTACH_DATA_BIN / _OBJ
  bool embedded_message = false;  // PR_ATTACH_DATA_OBJ holding an embedded message
};

struct TnefMessage {
  std::string subject;  // attSubject (8-bit)
  std::string body;     // attBody, else PR_BODY (8-bit or, when `body_utf8`, UTF-8)
  bool body_utf8 = false;
  ByteView html;                    // PR_BODY_HTML (bytes in the message's code page)
  ByteView rtf_compressed;          // PR_RTF_COMPRESSED ([MS-OXRTFCP])
  std::string message_class;        // attMessageClass
  std::uint32_t oem_code_page = 0;  // attOemCodepage, 0 when absent
  std::vector<TnefAttachment> attachments;
  std::vector<std::string> anomalies;
  std::size_t bad_checksums = 0;
  bool truncated = false;
};

/// Reads a TNEF stream. Never fails: damage is an anomaly, reading stops at a truncated
/// attribute and keeps what came before. Views point into `data`.
TnefMessage read_tnef(ByteView data);

}  // namespace lg
