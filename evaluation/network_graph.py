"""Where to draw the nodes of a small network picture: a force-directed layout
(Fruchterman and Reingold, 1991) computed on the server, in plain Python, the same for the
same graph.

Nodes that share initiatives pull together, all nodes push each other apart, and a weak
pull to the middle keeps separate clusters in the frame, so groups that work together
stand apart from those that do not (a circle, as before, showed no structure). Start
positions lie on a sunflower spiral in the order of the node ids, and the arithmetic runs
in a fixed order: no randomness, so a page shows the same picture on every request.

Coordinates are numbers; the caller writes them for SVG with `svg_number()`, which never
uses a decimal comma, whatever the reader's language."""

import math
from functools import lru_cache

# Pair computations per layout (iterations x nodes²) at most: a few hundred milliseconds.
WORK_BUDGET = 1_000_000
MAX_ITERATIONS = 150
MIN_ITERATIONS = 10
# More nodes than this are not drawn (the tables say it all): a picture of hundreds of
# nodes explains nothing, and its layout would cost seconds.
MAX_DRAWN_NODES = 200
GRAVITY = 0.6
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def svg_number(value):
    """A coordinate as SVG reads it: a dot for the decimal point, one decimal, no
    thousands separator, "-0.0" written as "0"."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def force_layout(node_ids, edges, size, margin):
    """{node id: (x, y)} inside [margin, size - margin]² for `node_ids` and `edges`
    ((a, b, weight) with weight >= 1). Deterministic."""
    ids = sorted(node_ids)
    key = tuple(ids), tuple(sorted((min(a, b), max(a, b), weight) for a, b, weight in edges if a != b))
    return dict(zip(ids, _layout(key, size, margin), strict=True))


@lru_cache(maxsize=64)
def _layout(key, size, margin):
    ids, edges = key
    n = len(ids)
    if n == 0:
        return ()
    if n == 1:
        return ((size / 2, size / 2),)
    index = {pk: i for i, pk in enumerate(ids)}
    links = [(index[a], index[b], 1 + math.log(weight)) for a, b, weight in edges if a in index and b in index]
    # A sunflower spiral: evenly spread, and no symmetry for the forces to keep.
    xs = [math.sqrt(i + 0.5) * math.cos(i * GOLDEN_ANGLE) for i in range(n)]
    ys = [math.sqrt(i + 0.5) * math.sin(i * GOLDEN_ANGLE) for i in range(n)]
    area = float(n)  # the spiral's units: about one node per unit of area
    k = math.sqrt(area / n)
    iterations = max(MIN_ITERATIONS, min(MAX_ITERATIONS, WORK_BUDGET // (n * n)))
    temperature = math.sqrt(area) / 4
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        dx, dy = [0.0] * n, [0.0] * n
        for i in range(n):
            xi, yi = xs[i], ys[i]
            for j in range(i + 1, n):
                ddx, ddy = xi - xs[j], yi - ys[j]
                distance2 = ddx * ddx + ddy * ddy or 1e-9
                force = k * k / distance2  # repulsion k²/d, times the unit vector (ddx/d)
                dx[i] += ddx * force
                dy[i] += ddy * force
                dx[j] -= ddx * force
                dy[j] -= ddy * force
        for i, j, weight in links:
            ddx, ddy = xs[i] - xs[j], ys[i] - ys[j]
            distance = math.sqrt(ddx * ddx + ddy * ddy) or 1e-9
            force = weight * distance / k  # attraction d²/k, times the unit vector
            dx[i] -= ddx * force
            dy[i] -= ddy * force
            dx[j] += ddx * force
            dy[j] += ddy * force
        for i in range(n):
            dx[i] -= GRAVITY * xs[i] * k
            dy[i] -= GRAVITY * ys[i] * k
            length = math.sqrt(dx[i] * dx[i] + dy[i] * dy[i])
            if length > temperature:
                dx[i], dy[i] = dx[i] / length * temperature, dy[i] / length * temperature
            xs[i] += dx[i]
            ys[i] += dy[i]
        temperature -= cooling
    # Into the frame, keeping the proportions.
    left, right, top, bottom = min(xs), max(xs), min(ys), max(ys)
    span = max(right - left, bottom - top) or 1.0
    scale = (size - 2 * margin) / span
    offset_x = (size - (right - left) * scale) / 2
    offset_y = (size - (bottom - top) * scale) / 2
    return tuple(((x - left) * scale + offset_x, (y - top) * scale + offset_y) for x, y in zip(xs, ys, strict=True))
