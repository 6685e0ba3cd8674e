package main

import (
	"fmt"
	"syscall"
)

// errnoNames spells the errnos a probe meets the way man pages and tcpdump
// users search for them; syscall only gives the prose ("connection refused").
var errnoNames = map[syscall.Errno]string{
	syscall.ECONNREFUSED:    "ECONNREFUSED",
	syscall.ECONNRESET:      "ECONNRESET",
	syscall.ECONNABORTED:    "ECONNABORTED",
	syscall.EHOSTUNREACH:    "EHOSTUNREACH",
	syscall.ENETUNREACH:     "ENETUNREACH",
	syscall.EHOSTDOWN:       "EHOSTDOWN",
	syscall.ENETDOWN:        "ENETDOWN",
	syscall.ENONET:          "ENONET",
	syscall.ENOPROTOOPT:     "ENOPROTOOPT",
	syscall.ETIMEDOUT:       "ETIMEDOUT",
	syscall.EMFILE:          "EMFILE",
	syscall.ENFILE:          "ENFILE",
	syscall.ENOBUFS:         "ENOBUFS",
	syscall.ENOMEM:          "ENOMEM",
	syscall.EADDRNOTAVAIL:   "EADDRNOTAVAIL",
	syscall.EADDRINUSE:      "EADDRINUSE",
	syscall.EAFNOSUPPORT:    "EAFNOSUPPORT",
	syscall.EPROTONOSUPPORT: "EPROTONOSUPPORT",
	syscall.EACCES:          "EACCES",
	syscall.EPERM:           "EPERM",
	syscall.EINVAL:          "EINVAL",
	syscall.EMSGSIZE:        "EMSGSIZE",
	syscall.EPIPE:           "EPIPE",
	syscall.ENOTCONN:        "ENOTCONN",
	syscall.EPROTO:          "EPROTO",
	syscall.EOPNOTSUPP:      "EOPNOTSUPP",
}

func errnoName(e syscall.Errno) string {
	if n, ok := errnoNames[e]; ok {
		return n
	}
	return fmt.Sprintf("errno %d", int(e))
}
