package corpus

// QueueFailure is a pfail case of the corpus about queues and priorities:
// what the model's load-time checks and the lint rules must report on
// pfctl's lines.
type QueueFailure struct {
	Folder, File string // File without its .in
	// NoLine is the line of the statement that causes pfctl's messages
	// that carry no line (`pfctl: …`).
	NoLine int
	// Machine, when set, says why pfctl's own output depends on the loading
	// machine (an interface that must exist), so it cannot be matched.
	Machine string
}

const (
	altqRegress    = "openbsd-regress-altq/regress/sbin/pfctl"
	currentRegress = "openbsd-regress/regress/sbin/pfctl"
)

// QueueFailures are the ALTQ pfail files (pfail18, 29, 31–36, 44–46, 53
// of the OpenBSD 5.1 suite) and the new-queue and priority ones (pfail51,
// 54, 58–62 of OpenBSD current).
var QueueFailures = []QueueFailure{
	{Folder: altqRegress, File: "pfail18"},
	{Folder: altqRegress, File: "pfail29"},
	{Folder: altqRegress, File: "pfail31",
		Machine: "pfctl rejects line 6 because interface nothere0 does not exist, and lines 7-8 fail because that altq was dropped; with the interface present the file loads"},
	{Folder: altqRegress, File: "pfail32",
		Machine: "pfctl stops at SIOCGIFMTU on gif3 (no such device); once gif3 exists, zwei is created twice on gif3"},
	{Folder: altqRegress, File: "pfail33"},
	{Folder: altqRegress, File: "pfail34"},
	{Folder: altqRegress, File: "pfail35"},
	{Folder: altqRegress, File: "pfail36"},
	{Folder: altqRegress, File: "pfail44", NoLine: 6},
	{Folder: altqRegress, File: "pfail45", NoLine: 6},
	{Folder: altqRegress, File: "pfail46"},
	{Folder: altqRegress, File: "pfail53"},
	{Folder: currentRegress, File: "pfail51"},
	{Folder: currentRegress, File: "pfail54"},
	{Folder: currentRegress, File: "pfail58", NoLine: 1},
	{Folder: currentRegress, File: "pfail59", NoLine: 2},
	{Folder: currentRegress, File: "pfail60", NoLine: 1},
	{Folder: currentRegress, File: "pfail61", NoLine: 1},
	{Folder: currentRegress, File: "pfail62"},
}
