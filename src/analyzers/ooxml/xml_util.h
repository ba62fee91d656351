#pragma once
/// The pugixml helpers now live in src/formats/xml (shared with the HWPX analyzer); the OOXML
/// code keeps using them by their short names.
#include "formats/xml/xml_util.h"

namespace lg::ooxml {

using xml::attr;
using xml::clean_utf8;
using xml::first_element;
using xml::kMaxNodesPerPart;
using xml::local_name;
using xml::next_in_order;
using xml::parse_xml;
using xml::parse_xml_partial;

}  // namespace lg::ooxml
