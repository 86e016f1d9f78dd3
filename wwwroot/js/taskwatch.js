// TaskWatch's browser side: the viewer's time zone, a connection that never gives up, and a page
// that never looks live when it is not.
// A wall display is never touched: after a server restart the circuit cannot be resumed, so
// the page reloads by itself once the server answers again, whether or not the tab is visible.
// The server renders a beat into every page a few seconds apart (Controls/LiveBeat); this script
// keeps its own clock and calls the page stale when no beat has arrived for StaleAfterMs, whatever
// the cause: a server gone, a network that silently stopped carrying anything, a stuck circuit or a
// frozen server. SignalR itself notices a silent connection only after 30 s.
window.taskwatch = {
    timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    // The theme this browser picked ('dark' or 'light'); none: follow the system (Layout/MainLayout).
    theme: {
        get: () => { try { return localStorage.getItem('taskwatch.theme'); } catch { return null; } },
        set: (value) => { try { localStorage.setItem('taskwatch.theme', value); } catch { /* private mode: this visit only */ } },
    },
    connection: { state: 'connecting', since: Date.now() },
    // The wall (Pages/Wall) asks how many tiles and failure cards fit whole on this screen, and hears again
    // whenever that changes (a resize, a banner, another tile size): it pages the rest, it never cuts one.
    wallFit: (wall) => {
        let last = '';
        const measure = () => {
            const running = document.querySelector('.tw-wall-running');
            const failures = document.querySelector('.tw-wall-failures');
            // Below 1100 px the wall scrolls (a phone, a narrow window): nothing to fit.
            if (!running || getComputedStyle(running).overflowY !== 'hidden') return;
            const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
            let tiles = 0;
            const grid = running.querySelector('.tw-wall-tiles');
            const cards = grid ? [...grid.querySelectorAll('.tw-wall-tile')] : [];
            if (cards.length > 0) {
                const style = getComputedStyle(grid);
                const columns = style.gridTemplateColumns.split(' ').filter(Boolean).length || 1;
                const gap = parseFloat(style.rowGap) || 0;
                const height = Math.max(...cards.map(c => c.getBoundingClientRect().height));
                const room = running.getBoundingClientRect().bottom - grid.getBoundingClientRect().top;
                tiles = Math.max(1, Math.floor((room + gap) / (height + gap))) * columns;
            }
            let shown = 0;
            const first = failures && failures.querySelector('.tw-wall-failure');
            if (first) {
                const step = first.getBoundingClientRect().height + (parseFloat(getComputedStyle(first).marginBottom) || 0);
                // Room kept for the "and N more" line under the last card.
                const room = failures.getBoundingClientRect().bottom - first.getBoundingClientRect().top - 2.6 * rem;
                shown = Math.max(1, Math.floor(room / step));
            }
            const key = `${tiles}/${shown}`;
            if (key !== last && (tiles > 0 || shown > 0)) {
                last = key;
                wall.invokeMethodAsync('Fit', tiles || 18, shown || 8).catch(() => { });
            }
        };
        const later = () => requestAnimationFrame(measure);
        const body = document.querySelector('.tw-wall');
        if (body) {
            new ResizeObserver(later).observe(body);
            new MutationObserver(later).observe(body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-density'] });
        }
        later();
    },
};

(function () {
    const StaleAfterMs = 7000;
    const root = document.documentElement;
    // What Blazor says of the circuit (connecting, up, down, lost) and when the last update arrived
    // (by this browser's clock): the page is live only when both agree.
    let circuit = 'connecting';
    let lastUpdate = Date.now();

    const zone = () => document.querySelector('[data-live-beat]')?.getAttribute('data-viewer-zone') || 'UTC';
    const format = (ms, withSeconds) => new Intl.DateTimeFormat('en-GB', {
        timeZone: zone(), hour: '2-digit', minute: '2-digit', second: withSeconds ? '2-digit' : undefined, hourCycle: 'h23',
    }).format(new Date(ms));

    const show = () => {
        const fresh = Date.now() - lastUpdate <= StaleAfterMs;
        const state = circuit === 'up' || circuit === 'connecting' ? (fresh ? circuit : 'stale') : circuit;
        if (root.dataset.connection !== state) {
            window.taskwatch.connection = { state, since: Date.now() };
            root.dataset.connection = state;
            window.dispatchEvent(new CustomEvent('taskwatch:connection', { detail: state }));
        }

        // The banner and the footer count from the last update actually received; relative times on
        // the page (CSS, .tw-ago) say which moment they describe.
        const asOf = format(lastUpdate, true);
        const age = String(Math.max(0, Math.round((Date.now() - lastUpdate) / 1000)));
        root.style.setProperty('--tw-as-of', `"as of ${asOf}"`);
        document.querySelectorAll('[data-connection-age]').forEach(el => { if (el.textContent !== age) el.textContent = age; });
        document.querySelectorAll('[data-connection-as-of]').forEach(el => { if (el.textContent !== asOf) el.textContent = asOf; });
        // The viewer's clock is the browser's: it keeps time while the server is silent. The text node
        // the server rendered is kept, so a later render of the server lands on the same node.
        document.querySelectorAll('[data-viewer-clock]').forEach(el => {
            const text = format(Date.now(), false);
            if (el.firstChild && el.firstChild.nodeValue !== text) el.firstChild.nodeValue = text;
        });
    };

    const setCircuit = (state) => {
        circuit = state;
        show();
    };

    new MutationObserver(records => {
        if (records.some(r => r.type === 'attributes' && r.attributeName === 'data-live-beat')) {
            lastUpdate = Date.now();
            show();
        }
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-live-beat'] });

    let reloading = false;
    const reloadWhenServerAnswers = async () => {
        if (reloading) return;
        reloading = true;
        for (;;) {
            try {
                const response = await fetch('/healthz', { cache: 'no-store' });
                if (response.status < 500 || response.status === 503) { location.reload(); return; }
            } catch { /* still down */ }
            await new Promise(r => setTimeout(r, 3000));
        }
    };

    Blazor.start({
        circuit: {
            reconnectionOptions: {
                maxRetries: 1000000,
                retryIntervalMilliseconds: (attempt) => Math.min(500 * attempt, 5000),
            },
            reconnectionHandler: {
                onConnectionDown: (options, error) => {
                    setCircuit('down');
                    return Blazor.defaultReconnectionHandler.onConnectionDown(options, error);
                },
                onConnectionUp: () => {
                    // Up again, but live only once an update arrives on the resumed circuit.
                    setCircuit('up');
                    return Blazor.defaultReconnectionHandler.onConnectionUp();
                },
            },
        },
    }).then(() => {
        // The first interactive render has just arrived.
        lastUpdate = Date.now();
        setCircuit('up');
    });

    // The default handler marks a circuit it could not resume as rejected or failed: reload then.
    new MutationObserver(() => {
        const modal = document.getElementById('components-reconnect-modal');
        if (modal && (modal.classList.contains('components-reconnect-rejected') || modal.classList.contains('components-reconnect-failed'))) {
            setCircuit('lost');
            reloadWhenServerAnswers();
        }
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });

    setInterval(show, 500);

    // A page that asks for it (the wall: data-reload-after-minutes) reloads quietly now and then,
    // guarding a screen that runs for days against slow leaks; only when the server answers.
    const loadedAt = Date.now();
    setInterval(() => {
        const el = document.querySelector('[data-reload-after-minutes]');
        const minutes = el ? Number(el.getAttribute('data-reload-after-minutes')) : 0;
        if (minutes > 0 && Date.now() - loadedAt >= minutes * 60000) reloadWhenServerAnswers();
    }, 15000);
})();
