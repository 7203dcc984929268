//go:build !unix

package cache

import "os"

// MapFile returns the contents of the file at path; see map_unix.go.
func MapFile(path string) ([]byte, func(), error) {
	data, err := os.ReadFile(path)
	return data, func() {}, err
}
