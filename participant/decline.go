package participant

import (
	"context"
	"errors"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
	"github.com/cohort-fl/cohort/records"
)

// declineTimeout bounds the call that declines a task: the decline is
// best effort, and the next task waits behind it.
const declineTimeout = 10 * time.Second

// Log messages of a decline sent, or not.
const (
	msgDeclined       = "told the coordinator why the task failed"
	msgDeclineFailed  = "could not tell the coordinator why the task failed; it waits for this node until its phase timeout"
	msgDeclineUnheard = "the coordinator no longer waits for this task; not declined"
)

// declines tells whether a task that failed with err is declined to the
// coordinator. Not when the node stops (its context ended, or a
// standardisation it cannot serve: ErrStandardisation), nor when the
// coordinator refused the answer as superseded (FailedPrecondition: it
// moved on) or as already taken (AlreadyExists): it waits for no answer
// then; nor when the coordinator could not be reached (Unavailable,
// DeadlineExceeded, Canceled, Aborted): it may be a new one, restarted,
// that will ask again, and the node refused nothing.
func declines(ctx context.Context, err error) bool {
	if ctx.Err() != nil || errors.Is(err, ErrStandardisation) {
		return false
	}
	switch status.Code(err) {
	case codes.FailedPrecondition, codes.AlreadyExists,
		codes.Unavailable, codes.DeadlineExceeded, codes.Canceled, codes.Aborted:
		return false
	}
	return true
}

// declineReason is what a decline tells the coordinator of err. A task's
// error names public values (hashes, addresses, rounds, blocks) and this
// node's settings, never key material; an error about this site's records
// (records.ErrMoments) may name one of them, so only its kind leaves the
// site and the details stay in its log. Local paths (the keystore, the
// data directory, record files: an *os.PathError names them) are the
// hospital's own layout: each is replaced by localPathMark (redactPaths),
// with local, the paths this node is configured with, also when relative.
func declineReason(err error, local ...string) string {
	if errors.Is(err, records.ErrMoments) {
		return protocol.DeclineReason(records.ErrMoments.Error() + " (the details name this site's records and stay in its log)")
	}
	return protocol.DeclineReason(redactPaths(err.Error(), local))
}

// localPaths are the paths this node is configured with: its data
// directory and keystore, as given and made absolute.
func (p *Participant) localPaths() []string {
	dirs := []string{p.cfg.DataDir}
	if ks := p.cfg.Keystore; ks != nil {
		dirs = append(dirs, ks.dir)
	}
	var out []string
	for _, d := range dirs {
		if d == "" {
			continue
		}
		out = append(out, d)
		if abs, err := filepath.Abs(d); err == nil {
			out = append(out, abs)
		}
	}
	return out
}

// localPathMark stands for a local path in a decline's reason.
const localPathMark = "<local path>"

// pathEnd is what a path in an error's text runs up to: space, quotes,
// and the punctuation errors put after one ("open /x: ...", "(/x)").
const pathEnd = "\\s\"'`:;,()\\[\\]{}<>"

// pathStart is what a path in an error's text follows: its start, space,
// a quote or an opening bracket, or "=" (key=value). Not ":", so that a
// URL's path ("https://coordinator/...") is left alone.
const pathStart = "(^|[\\s\"'`(\\[{<=,])"

// absolutePath matches an absolute path on Unix (/...), a home directory
// (~/...), a Windows drive (C:\... or C:/...) or a UNC share (\\\\host\\...).
var absolutePath = regexp.MustCompile(pathStart + "((?:/|~[/\\\\]|[A-Za-z]:[/\\\\]|\\\\\\\\)[^" + pathEnd + "]+)")

// grpcMethods are the full names of the gRPC methods of the services
// this repository defines (/cohort.v1.Coordinator/UploadUpdate), read
// from the generated descriptors: such a name names no local file, and
// tells the coordinator's operator which call failed. Only these are
// kept: a path of the same shape (/srv.Data/Keys) may be a local one.
var grpcMethods = func() map[string]bool {
	names := map[string]bool{}
	services := cohortv1.File_cohortv1_cohort_proto.Services()
	for i := range services.Len() {
		s := services.Get(i)
		methods := s.Methods()
		for j := range methods.Len() {
			names["/"+string(s.FullName())+"/"+string(methods.Get(j).Name())] = true
		}
	}
	return names
}()

// redactPaths replaces in s each local path by localPathMark: local's
// (with whatever path follows them: a file under a directory) and any
// absolute one but the full name of one of this repository's gRPC
// methods (grpcMethods). A relative local path of a single name ("data")
// is taken only as a directory ("data/..."), so that the word stays a
// word.
func redactPaths(s string, local []string) string {
	local = slices.Clone(local)
	slices.SortFunc(local, func(a, b string) int { return len(b) - len(a) }) // the longest first
	for _, l := range local {
		l = filepath.Clean(l)
		if l == "." || l == string(filepath.Separator) {
			continue
		}
		rest := "(?:[/\\\\][^" + pathEnd + "]*)?"
		if !strings.ContainsAny(l, "/\\") {
			rest = "[/\\\\][^" + pathEnd + "]*"
		}
		re := regexp.MustCompile(pathStart + regexp.QuoteMeta(l) + rest + "($|[" + pathEnd + "])")
		s = re.ReplaceAllString(s, "${1}"+localPathMark+"${2}")
	}
	return absolutePath.ReplaceAllStringFunc(s, func(m string) string {
		sub := absolutePath.FindStringSubmatch(m)
		if grpcMethods[sub[2]] {
			return m
		}
		return sub[1] + localPathMark
	})
}

// declineTask tells the coordinator that this node will not answer task,
// and why (cause), signed as its answer would be: the phase goes on
// without it at once instead of waiting out its timeout, and the
// coordinator's operator reads the reason. A task of a phase nobody
// answers is not declined. Best effort: a decline that fails is logged,
// and the coordinator waits as it did before declines.
func (p *Participant) declineTask(ctx context.Context, task *cohortv1.Task, cause error) {
	phase, ok := protocol.Of(task)
	if !ok || phase.Kind() == "" {
		return
	}
	round, reason := protocol.Round(task), declineReason(cause, p.localPaths()...)
	signed, err := auth.Sign(p.key, p.cfg.StudyID, round, auth.KindDecline, auth.DeclineContent(string(phase), reason))
	if err == nil {
		ctx, cancel := context.WithTimeout(ctx, min(declineTimeout, p.cfg.rpcTimeout()))
		defer cancel()
		_, err = p.client.DeclineTask(ctx, &cohortv1.TaskDecline{StudyId: p.cfg.StudyID, Round: round, Phase: string(phase), Reason: reason, Auth: signed})
	}
	switch {
	case err == nil:
		p.log.Info(msgDeclined, "phase", phase, "round", round)
	case status.Code(err) == codes.FailedPrecondition, status.Code(err) == codes.AlreadyExists: // moved on, or declined before
		p.log.Info(msgDeclineUnheard, "phase", phase, "round", round, "err", err)
	default:
		p.log.Warn(msgDeclineFailed, "phase", phase, "round", round, "err", err)
	}
}
