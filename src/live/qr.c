/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qr.c - the join address as a QR code the room's screen can show, drawn
 * in text with libqrencode's modules. A terminal's cell is about twice as
 * high as it is wide, so a module is two columns of one line when the code
 * is big, or one column of half a line (the upper and lower half blocks)
 * when it is small. Light modules are drawn, dark ones left blank: on the
 * usual dark terminal that is the code as printed, and phone cameras read
 * the other way round as well. */
#include "live.h"

#include <errno.h>
#include <qrencode.h>
#include <stdlib.h>

#include "../core/util.h"

#define QUIET 2 /* modules of light margin on every side */

/* Whether module (x, y) of the code, margin included, is dark. */
static bool dark(const QRcode *qr, int x, int y)
{
	x -= QUIET;
	y -= QUIET;
	if (x < 0 || y < 0 || x >= qr->width || y >= qr->width)
		return false;
	return qr->data[y * qr->width + x] & 1;
}

static QRcode *encode(const char *text)
{
	/* medium error correction: a projector's glare costs some modules */
	return QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
}

char *live_qr_text(const char *text, unsigned cols, unsigned rows, bool unicode)
{
	QRcode *qr = encode(text);
	struct strbuf sb = { 0 };
	int n, x, y;
	bool big;

	if (!qr)
		return NULL;
	n = qr->width + 2 * QUIET;
	/* big when it fits whole, with lines to spare for what follows;
	 * always without unicode, as '#' has no halves */
	big = !unicode ||
	      ((unsigned)n * 2 <= cols && (!rows || (unsigned)n + 4 <= rows));
	if (big) {
		for (y = 0; y < n; y++) {
			for (x = 0; x < n; x++)
				strbuf_adds(&sb, dark(qr, x, y) ? "  "
						 : unicode	? "██"
								: "##");
			strbuf_addc(&sb, '\n');
		}
	} else {
		for (y = 0; y < n; y += 2) {
			for (x = 0; x < n; x++) {
				bool top = !dark(qr, x, y);
				bool bottom = y + 1 < n && !dark(qr, x, y + 1);
				strbuf_adds(&sb, top && bottom ? "█"
						 : top	       ? "▀"
						 : bottom      ? "▄"
							       : " ");
			}
			strbuf_addc(&sb, '\n');
		}
	}
	QRcode_free(qr);
	return strbuf_detach(&sb);
}
