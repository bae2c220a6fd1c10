package bench

import (
	"bytes"
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"time"
)

// TreeRun is a ProcessRun that also knows the peak memory of the whole
// process tree: the command and every child it started, added up. A
// program that hands its work to child processes (git) would look small
// by its own maximum resident size, and rusage only reports the largest
// single process, never the sum.
//
// Each process counts its proportional set size (PSS: private pages, plus
// shared ones divided among the processes sharing them), so git's code
// mapped by four processes counts once, not four times. Where the kernel
// has no smaps_rollup the resident size is used.
type TreeRun struct {
	ProcessRun
	PeakTreeKB int64 // largest sum over the tree, sampled
	Samples    int
}

// RunProcessTree runs argv like RunProcess and samples the resident memory
// of the process and its descendants every interval.
func RunProcessTree(argv []string, dir string, env []string, every time.Duration) TreeRun {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir, cmd.Env = dir, env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return TreeRun{ProcessRun: ProcessRun{Err: err}}
	}
	done := make(chan struct{})
	sampled := make(chan TreeRun, 1)
	go func() {
		var tr TreeRun
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			if kb := treeRSSKB(cmd.Process.Pid); kb > tr.PeakTreeKB {
				tr.PeakTreeKB = kb
			}
			tr.Samples++
			select {
			case <-done:
				sampled <- tr
				return
			case <-t.C:
			}
		}
	}()
	err := cmd.Wait()
	wall := time.Since(start)
	close(done)
	tr := <-sampled
	tr.ProcessRun = ProcessRun{Wall: wall, Stdout: stdout.Bytes(), Stderr: stderr.Bytes(), Err: err}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		tr.MaxRSSKB = ru.Maxrss
		tr.CPU = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	return tr
}

// treeRSSKB adds up the resident memory of root and its descendants,
// found through the parent ids in /proc.
func treeRSSKB(root int) int64 {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return 0
	}
	children := map[int][]int{}
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if ppid := parentOf(pid); ppid > 0 {
			children[ppid] = append(children[ppid], pid)
		}
	}
	page := int64(os.Getpagesize()) / 1024
	var total int64
	stack := []int{root}
	for len(stack) > 0 {
		pid := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if kb, ok := pssKB(pid); ok {
			total += kb
		} else {
			total += residentPages(pid) * page
		}
		stack = append(stack, children[pid]...)
	}
	return total
}

// parentOf reads the ppid field of /proc/PID/stat (after the command name,
// which may hold spaces and parentheses).
func parentOf(pid int) int {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0
	}
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0
	}
	f := bytes.Fields(b[i+1:])
	if len(f) < 2 {
		return 0
	}
	ppid, _ := strconv.Atoi(string(f[1]))
	return ppid
}

// pssKB reads the Pss line of /proc/PID/smaps_rollup.
func pssKB(pid int) (int64, bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/smaps_rollup")
	if err != nil {
		return 0, false
	}
	i := bytes.Index(b, []byte("\nPss:"))
	if i < 0 {
		return 0, false
	}
	f := bytes.Fields(b[i+5:])
	if len(f) == 0 {
		return 0, false
	}
	n, err := strconv.ParseInt(string(f[0]), 10, 64)
	return n, err == nil
}

func residentPages(pid int) int64 {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/statm")
	if err != nil {
		return 0
	}
	f := bytes.Fields(b)
	if len(f) < 2 {
		return 0
	}
	n, _ := strconv.ParseInt(string(f[1]), 10, 64)
	return n
}
