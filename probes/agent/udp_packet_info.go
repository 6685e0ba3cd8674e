package main

import (
	"net"
	"net/netip"
	"syscall"
	"unsafe"
)

// A UDP echo must come back from the very address the client sent to, or the
// client's connected socket discards it. With several addresses in a pod (or a
// Docker container on two networks) the kernel's default source could be
// another one, so the server asks for each datagram's destination
// (IP_PKTINFO / IPV6_RECVPKTINFO) and sends the echo from it.

// enablePacketInfo makes the kernel attach the destination address to every datagram.
func enablePacketInfo(conn *net.UDPConn, v6 bool) error {
	raw, err := conn.SyscallConn()
	if err != nil {
		return err
	}
	var sockErr error
	err = raw.Control(func(fd uintptr) {
		if v6 {
			sockErr = syscall.SetsockoptInt(int(fd), syscall.IPPROTO_IPV6, syscall.IPV6_RECVPKTINFO, 1)
		} else {
			sockErr = syscall.SetsockoptInt(int(fd), syscall.IPPROTO_IP, syscall.IP_PKTINFO, 1)
		}
	})
	if err != nil {
		return err
	}
	return sockErr
}

// replySourceControl turns the control data of a received datagram into the
// control data that sends the reply from the address it was received on.
// It returns nil (kernel's choice of source) when there is no packet info.
func replySourceControl(oob []byte) []byte {
	msgs, err := syscall.ParseSocketControlMessage(oob)
	if err != nil {
		return nil
	}
	for _, m := range msgs {
		switch {
		case m.Header.Level == syscall.IPPROTO_IP && m.Header.Type == syscall.IP_PKTINFO &&
			len(m.Data) >= syscall.SizeofInet4Pktinfo:
			// struct in_pktinfo { int ifindex; in_addr spec_dst; in_addr addr; }
			// spec_dst is the local address the datagram was received on.
			// The interface stays 0 so the routing table picks it.
			data := make([]byte, syscall.SizeofInet4Pktinfo)
			copy(data[4:8], m.Data[4:8])
			return controlMessage(syscall.IPPROTO_IP, syscall.IP_PKTINFO, data)
		case m.Header.Level == syscall.IPPROTO_IPV6 && m.Header.Type == syscall.IPV6_PKTINFO &&
			len(m.Data) >= syscall.SizeofInet6Pktinfo:
			// struct in6_pktinfo { in6_addr addr; unsigned int ifindex; }
			data := make([]byte, syscall.SizeofInet6Pktinfo)
			copy(data[0:16], m.Data[0:16])
			// A link-local source only means something on its own interface.
			if addr := netip.AddrFrom16([16]byte(m.Data[0:16])); addr.IsLinkLocalUnicast() {
				copy(data[16:20], m.Data[16:20])
			}
			return controlMessage(syscall.IPPROTO_IPV6, syscall.IPV6_PKTINFO, data)
		}
	}
	return nil
}

// controlMessage encodes one cmsghdr followed by its data, padded as the
// kernel expects (the way syscall.UnixRights builds SCM_RIGHTS).
func controlMessage(level, typ int, data []byte) []byte {
	b := make([]byte, syscall.CmsgSpace(len(data)))
	h := (*syscall.Cmsghdr)(unsafe.Pointer(&b[0]))
	h.Level = int32(level)
	h.Type = int32(typ)
	h.SetLen(syscall.CmsgLen(len(data)))
	copy(b[syscall.CmsgLen(0):], data)
	return b
}
