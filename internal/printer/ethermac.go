package printer

import (
	"fmt"
	"strconv"
	"strings"
)

// etherAddr is a layer-2 address of an ether rule (pfctl_eth_addr): a
// MAC address, its mask, and whether the rule gave one at all.
type etherAddr struct {
	addr  [6]byte
	mask  [6]byte
	neg   bool
	isset bool
}

// parseMAC reads six colon-separated groups of one or two hex digits,
// as pfctl's sscanf("%02hhx:…") does.
func parseMAC(s string) ([6]byte, bool) {
	var m [6]byte
	parts := strings.Split(s, ":")
	if len(parts) != 6 {
		return m, false
	}
	for i, part := range parts {
		if len(part) == 0 || len(part) > 2 {
			return m, false
		}
		v, err := strconv.ParseUint(part, 16, 8)
		if err != nil {
			return m, false
		}
		m[i] = byte(v)
	}
	return m, true
}

// macWithMask reads `MAC` or `MAC&MASK`; a bare address matches all 48
// bits.
func macWithMask(s string) (etherAddr, error) {
	a := etherAddr{isset: true}
	text, maskText, hasMask := strings.Cut(s, "&")
	addr, ok := parseMAC(text)
	if !ok {
		return a, fmt.Errorf("invalid MAC address %q", text)
	}
	a.addr = addr
	if !hasMask {
		a.mask = [6]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}
		return a, nil
	}
	if a.mask, ok = parseMAC(maskText); !ok {
		return a, fmt.Errorf("invalid MAC mask %q", maskText)
	}
	return a, nil
}

// macWithPrefix reads `MAC/N`. pfctl fills the mask from the low bit of
// each byte up (mask[i/8] |= 1 << i%8), not from the high bit as for IP
// prefixes; etherAddrString reads it back the same way, so /N prints as
// /N.
func macWithPrefix(s string, bits int) (etherAddr, error) {
	if bits < 0 || bits > 48 {
		return etherAddr{}, fmt.Errorf("invalid MAC mask length %d", bits)
	}
	a, err := macWithMask(s)
	if err != nil {
		return a, err
	}
	a.mask = [6]byte{}
	for i := 0; i < bits; i++ {
		a.mask[i/8] |= 1 << (i % 8)
	}
	return a, nil
}

func macString(m [6]byte) string {
	return fmt.Sprintf("%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5])
}

// etherAddrString is print_eth_addr. An all-zero address prints nothing
// at all (not even its negation). The mask prints as /N when its set bits,
// counted from the low bit of each byte, are contiguous from the start;
// nothing when all 48 are set; as &MASK otherwise.
func etherAddrString(a etherAddr) string {
	if a.addr == ([6]byte{}) {
		return ""
	}
	var b strings.Builder
	if a.neg {
		b.WriteString("! ")
	}
	b.WriteString(macString(a.addr))
	set := func(i int) bool { return a.mask[i/8]&(1<<(i%8)) != 0 }
	prefix := 48
	contiguous := true
	for i := 0; i < 48; i++ {
		if !set(i) {
			if prefix == 48 {
				prefix = i
			}
		} else if prefix != 48 {
			contiguous = false
			break
		}
	}
	switch {
	case prefix == 48:
	case contiguous:
		b.WriteString("/" + strconv.Itoa(prefix))
	default:
		b.WriteString("&" + macString(a.mask))
	}
	return b.String()
}
