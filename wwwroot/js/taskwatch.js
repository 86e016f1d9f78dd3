// TaskWatch's browser side: the viewer's time zone, and a connection that never gives up.
// A wall display is never touched: after a server restart the circuit cannot be resumed, so
// the page reloads by itself once the server answers again, whether or not the tab is visible.
window.taskwatch = {
    timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    connection: { state: 'connecting', since: Date.now() },
};

(function () {
    const setState = (state) => {
        window.taskwatch.connection = { state, since: Date.now() };
        document.documentElement.dataset.connection = state;
        window.dispatchEvent(new CustomEvent('taskwatch:connection', { detail: state }));
    };

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
                    setState('down');
                    return Blazor.defaultReconnectionHandler.onConnectionDown(options, error);
                },
                onConnectionUp: () => {
                    setState('up');
                    return Blazor.defaultReconnectionHandler.onConnectionUp();
                },
            },
        },
    }).then(() => setState('up'));

    // The default handler marks a circuit it could not resume as rejected or failed: reload then.
    new MutationObserver(() => {
        const modal = document.getElementById('components-reconnect-modal');
        if (modal && (modal.classList.contains('components-reconnect-rejected') || modal.classList.contains('components-reconnect-failed'))) {
            setState('lost');
            reloadWhenServerAnswers();
        }
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });

    // "Last update N s ago" in the connection banner, counted by the browser: the server is gone.
    setInterval(() => {
        const c = window.taskwatch.connection;
        const age = Math.max(0, Math.round((Date.now() - c.since) / 1000));
        document.querySelectorAll('[data-connection-age]').forEach(el => { el.textContent = String(age); });
    }, 1000);

    // A page that asks for it (the wall: data-reload-after-minutes) reloads quietly now and then,
    // guarding a screen that runs for days against slow leaks; only when the server answers.
    const loadedAt = Date.now();
    setInterval(() => {
        const el = document.querySelector('[data-reload-after-minutes]');
        const minutes = el ? Number(el.getAttribute('data-reload-after-minutes')) : 0;
        if (minutes > 0 && Date.now() - loadedAt >= minutes * 60000) reloadWhenServerAnswers();
    }, 15000);
})();
