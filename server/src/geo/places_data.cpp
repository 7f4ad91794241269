#include "geo/places_data.hpp"

#include <cstddef>

// The path comes from CMake (server/CMakeLists.txt), which also rebuilds this file when the
// data changes: the compiler cannot know that the assembler reads it. ccache sees `.incbin`
// and does not cache this object, so a stale copy cannot slip in.
#ifndef HK_PLACES_TSV
#error "HK_PLACES_TSV must name the places file (set by server/CMakeLists.txt)"
#endif

__asm__(
    ".pushsection .rodata.hk_places_tsv, \"a\", @progbits\n"
    ".balign 16\n"
    ".globl hk_places_tsv_begin\n"
    ".hidden hk_places_tsv_begin\n"
    "hk_places_tsv_begin:\n"
    ".incbin \"" HK_PLACES_TSV
    "\"\n"
    ".globl hk_places_tsv_end\n"
    ".hidden hk_places_tsv_end\n"
    "hk_places_tsv_end:\n"
    ".byte 0\n"
    ".popsection\n");

extern "C" const char hk_places_tsv_begin[];
extern "C" const char hk_places_tsv_end[];

namespace hk::geo {

std::string_view places_tsv() {
  return {hk_places_tsv_begin, static_cast<std::size_t>(hk_places_tsv_end - hk_places_tsv_begin)};
}

}  // namespace hk::geo
