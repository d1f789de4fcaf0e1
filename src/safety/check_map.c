/* check_map.c — the ledger's file mapped whole for the check.
 *
 * integrity_check seeks every index for every row.  Through SQLite's page
 * cache (2 MB) that was 7 million pread calls on a district's ledger, 7 of
 * its 12 s of processor time; with the pages mapped the check reads them
 * where they lie.  But the SQLite Debian builds stops mapping at 2 GB
 * (SQLITE_MAX_MMAP_SIZE), and at ten districts the file is 4.7 GB, its
 * largest table and indexes spread all through it: this thin VFS over the
 * default one maps the main file whole (read only) and gives the pager its
 * pages from that map; everything else goes to the default VFS as it is.
 *
 * The mapped pages are the system's file cache, which the system takes
 * back when it needs the memory, not memory of the program's own; but
 * they count in its resident size while mapped (the whole file, at the
 * end of a full check).  Letting them go every few thousand pages
 * (MADV_DONTNEED) bounded that size only loosely, as the system maps 16
 * pages around each one read, and cost more than it saved: 0.75 s more
 * of system time for a 305 MB peak instead of 468 MB on a district's
 * quick check.  When the map cannot be made (an address-space limit,
 * say), the pager reads as without it. */
#include "config.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "checkmeter.h"

#define VFS_NAME "miaopu-check-map"

struct mfile {
	sqlite3_file base;
	sqlite3_file *real;   /* the default VFS's file, right after this */
	char *path;           /* the main file's name; NULL for the others */
	unsigned char *map;
	sqlite3_int64 size;   /* of the map */
	int failed;           /* no map: leave the pager to read */
	long nout;            /* pages handed out and not given back */
};

static sqlite3_vfs vfs;
static const sqlite3_vfs *base_vfs;
static pthread_once_t once = PTHREAD_ONCE_INIT;

#define REAL(f) (((struct mfile *)(f))->real)
#define RM(f) (REAL(f)->pMethods)

static void unmap(struct mfile *m)
{
	if (m->map)
		munmap(m->map, (size_t)m->size);
	m->map = NULL;
	m->size = 0;
}

static int m_close(sqlite3_file *f)
{
	struct mfile *m = (struct mfile *)f;
	int rc = RM(f)->xClose(m->real);

	unmap(m);
	free(m->path);
	m->path = NULL;
	return rc;
}

static int m_read(sqlite3_file *f, void *b, int n, sqlite3_int64 o) { return RM(f)->xRead(REAL(f), b, n, o); }
static int m_write(sqlite3_file *f, const void *b, int n, sqlite3_int64 o) { return RM(f)->xWrite(REAL(f), b, n, o); }
static int m_truncate(sqlite3_file *f, sqlite3_int64 s) { return RM(f)->xTruncate(REAL(f), s); }
static int m_sync(sqlite3_file *f, int fl) { return RM(f)->xSync(REAL(f), fl); }
static int m_size(sqlite3_file *f, sqlite3_int64 *s) { return RM(f)->xFileSize(REAL(f), s); }
static int m_lock(sqlite3_file *f, int l) { return RM(f)->xLock(REAL(f), l); }
static int m_unlock(sqlite3_file *f, int l) { return RM(f)->xUnlock(REAL(f), l); }
static int m_reserved(sqlite3_file *f, int *r) { return RM(f)->xCheckReservedLock(REAL(f), r); }
static int m_fcntl(sqlite3_file *f, int op, void *a) { return RM(f)->xFileControl(REAL(f), op, a); }
static int m_sector(sqlite3_file *f) { return RM(f)->xSectorSize(REAL(f)); }
static int m_dev(sqlite3_file *f) { return RM(f)->xDeviceCharacteristics(REAL(f)); }
static int m_shmmap(sqlite3_file *f, int i, int sz, int ext, void volatile **p) { return RM(f)->xShmMap(REAL(f), i, sz, ext, p); }
static int m_shmlock(sqlite3_file *f, int o, int n, int fl) { return RM(f)->xShmLock(REAL(f), o, n, fl); }
static void m_shmbarrier(sqlite3_file *f) { RM(f)->xShmBarrier(REAL(f)); }
static int m_shmunmap(sqlite3_file *f, int del) { return RM(f)->xShmUnmap(REAL(f), del); }

/* The main file mapped whole, as it is now (read only, shared). */
static void map_file(struct mfile *m)
{
	struct stat sb;
	void *p;
	int fd = open(m->path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		m->failed = 1;
		return;
	}
	if (fstat(fd, &sb) != 0 || sb.st_size <= 0) {
		close(fd);
		return;   /* nothing to map yet: the pager reads */
	}
	p = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	if (p == MAP_FAILED) {
		m->failed = 1;
		return;
	}
	m->map = p;
	m->size = sb.st_size;
}

static int m_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **pp)
{
	struct mfile *m = (struct mfile *)f;

	*pp = NULL;
	if (!m->path)
		return RM(f)->xFetch(m->real, off, n, pp);
	if (!m->map && !m->failed)
		map_file(m);
	if (!m->map || off < 0 || off + n > m->size)
		return SQLITE_OK;   /* beyond the map (the file grew): read */
	m->nout++;
	*pp = m->map + off;
	return SQLITE_OK;
}

static int m_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
	struct mfile *m = (struct mfile *)f;

	if (!m->path)
		return RM(f)->xUnfetch(m->real, off, p);
	if (p)
		m->nout--;
	else if (m->nout == 0)
		unmap(m);   /* SQLite wants the map made again (the file changed) */
	return SQLITE_OK;
}

static const sqlite3_io_methods methods = {
	3, m_close, m_read, m_write, m_truncate, m_sync, m_size, m_lock,
	m_unlock, m_reserved, m_fcntl, m_sector, m_dev, m_shmmap, m_shmlock,
	m_shmbarrier, m_shmunmap, m_fetch, m_unfetch
};

static int m_open(sqlite3_vfs *v, const char *name, sqlite3_file *f, int flags,
                  int *out)
{
	struct mfile *m = (struct mfile *)f;
	int rc;

	(void)v;
	memset(m, 0, sizeof *m);
	m->real = (sqlite3_file *)(m + 1);
	rc = base_vfs->xOpen((sqlite3_vfs *)base_vfs, name, m->real, flags, out);
	if (rc != SQLITE_OK || !m->real->pMethods) {
		/* SQLite calls no method of a file that did not open. */
		m->base.pMethods = NULL;
		return rc;
	}
	if ((flags & SQLITE_OPEN_MAIN_DB) && name && m->real->pMethods->iVersion >= 3) {
		m->path = strdup(name);
		if (!m->path)
			m->failed = 1;
	}
	m->base.pMethods = &methods;
	return rc;
}

static int m_delete(sqlite3_vfs *v, const char *n, int s) { (void)v; return base_vfs->xDelete((sqlite3_vfs *)base_vfs, n, s); }
static int m_access(sqlite3_vfs *v, const char *n, int fl, int *r) { (void)v; return base_vfs->xAccess((sqlite3_vfs *)base_vfs, n, fl, r); }
static int m_full(sqlite3_vfs *v, const char *n, int sz, char *o) { (void)v; return base_vfs->xFullPathname((sqlite3_vfs *)base_vfs, n, sz, o); }
static void *m_dlopen(sqlite3_vfs *v, const char *n) { (void)v; return base_vfs->xDlOpen((sqlite3_vfs *)base_vfs, n); }
static void m_dlerror(sqlite3_vfs *v, int n, char *o) { (void)v; base_vfs->xDlError((sqlite3_vfs *)base_vfs, n, o); }
static void (*m_dlsym(sqlite3_vfs *v, void *h, const char *s))(void) { (void)v; return base_vfs->xDlSym((sqlite3_vfs *)base_vfs, h, s); }
static void m_dlclose(sqlite3_vfs *v, void *h) { (void)v; base_vfs->xDlClose((sqlite3_vfs *)base_vfs, h); }
static int m_random(sqlite3_vfs *v, int n, char *o) { (void)v; return base_vfs->xRandomness((sqlite3_vfs *)base_vfs, n, o); }
static int m_sleep(sqlite3_vfs *v, int us) { (void)v; return base_vfs->xSleep((sqlite3_vfs *)base_vfs, us); }
static int m_time(sqlite3_vfs *v, double *t) { (void)v; return base_vfs->xCurrentTime((sqlite3_vfs *)base_vfs, t); }
static int m_lasterr(sqlite3_vfs *v, int n, char *o) { (void)v; return base_vfs->xGetLastError((sqlite3_vfs *)base_vfs, n, o); }
static int m_time64(sqlite3_vfs *v, sqlite3_int64 *t) { (void)v; return base_vfs->xCurrentTimeInt64((sqlite3_vfs *)base_vfs, t); }

static void setup(void)
{
	base_vfs = sqlite3_vfs_find(NULL);
	if (!base_vfs || base_vfs->iVersion < 2)
		return;
	memset(&vfs, 0, sizeof vfs);
	vfs.iVersion = 2;
	vfs.szOsFile = (int)sizeof(struct mfile) + base_vfs->szOsFile;
	vfs.mxPathname = base_vfs->mxPathname;
	vfs.zName = VFS_NAME;
	vfs.xOpen = m_open;
	vfs.xDelete = m_delete;
	vfs.xAccess = m_access;
	vfs.xFullPathname = m_full;
	vfs.xDlOpen = m_dlopen;
	vfs.xDlError = m_dlerror;
	vfs.xDlSym = m_dlsym;
	vfs.xDlClose = m_dlclose;
	vfs.xRandomness = m_random;
	vfs.xSleep = m_sleep;
	vfs.xCurrentTime = m_time;
	vfs.xGetLastError = m_lasterr;
	vfs.xCurrentTimeInt64 = m_time64;
	if (sqlite3_vfs_register(&vfs, 0) != SQLITE_OK)
		base_vfs = NULL;
}

const char *mp_check_map_vfs(void)
{
	pthread_once(&once, setup);
	return base_vfs ? VFS_NAME : NULL;
}
