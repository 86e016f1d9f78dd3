// Opt-in sound and browser notification for a new failure. The choice lives in this browser's
// localStorage; nothing is sent anywhere. Loaded as a module by FailureNotifier.razor.
const storageKey = 'taskwatch.failureAlerts';
let audio = null;

export function isEnabled() {
    try {
        return localStorage.getItem(storageKey) === 'on';
    } catch {
        return false;
    }
}

// Called from a click, so the browser allows the permission prompt and unlocks audio.
export async function setEnabled(on) {
    if (on) {
        if ('Notification' in window && Notification.permission === 'default') {
            try {
                await Notification.requestPermission();
            } catch {
                // Older browsers take a callback; sound still works without notifications.
            }
        }
        localStorage.setItem(storageKey, 'on');
        unlockAudio();
    } else {
        localStorage.removeItem(storageKey);
    }
    return isEnabled();
}

export function notifyFailure(title, body, url) {
    if (!isEnabled()) {
        return false;
    }
    beep();
    if ('Notification' in window && Notification.permission === 'granted') {
        // Plain text only: the body is the cloud's failure reason.
        const n = new Notification(title, { body, tag: url });
        n.onclick = () => {
            window.focus();
            window.location.href = url;
            n.close();
        };
    }
    return true;
}

function unlockAudio() {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!audio && Context) {
        audio = new Context();
    }
    if (audio && audio.state === 'suspended') {
        audio.resume();
    }
}

function beep() {
    unlockAudio();
    if (!audio) {
        return;
    }
    const now = audio.currentTime;
    for (const [start, freq] of [[0, 880], [0.22, 660]]) {
        const osc = audio.createOscillator();
        const gain = audio.createGain();
        osc.frequency.value = freq;
        gain.gain.setValueAtTime(0.0001, now + start);
        gain.gain.exponentialRampToValueAtTime(0.2, now + start + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, now + start + 0.18);
        osc.connect(gain).connect(audio.destination);
        osc.start(now + start);
        osc.stop(now + start + 0.2);
    }
}
