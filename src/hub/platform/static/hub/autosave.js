// Keeps a draft as it is typed: every ten seconds while it changes, and when the page is left.
// The form names its autosave address in data-autosave-url; the server keeps the raw answers
// without judging them, so nothing typed is lost to a closed tab or a sign-out for inactivity.
// Without JavaScript the form still saves at every button press.
const form = document.querySelector("form[data-autosave-url]");

if (form) {
  const url = form.dataset.autosaveUrl;
  const status = document.querySelector("[data-autosave-status]");
  let changed = false;
  let saving = false;
  let submitting = false;

  const answers = () => {
    const data = new FormData(form);
    data.delete("attachments"); // files go up with the buttons, not in the background
    return data;
  };
  const say = (text) => {
    if (status) status.textContent = text;
  };

  form.addEventListener("input", () => { changed = true; });
  form.addEventListener("change", () => { changed = true; });
  form.addEventListener("submit", () => { submitting = true; });

  const save = async () => {
    if (!changed || saving || submitting) return;
    saving = true;
    changed = false;
    try {
      const response = await fetch(url, {
        method: "POST",
        body: answers(),
        credentials: "same-origin",
        redirect: "manual",
      });
      if (response.ok) {
        const body = await response.json();
        say(`Last saved at ${body.saved_at}.`);
      } else if (response.type === "opaqueredirect" || response.status === 403) {
        changed = true;
        say("You have been signed out. What you typed until then is saved: sign in again to carry on.");
      } else {
        changed = true;
        const body = await response.json().catch(() => ({}));
        say(body.message || "Your draft could not be saved just now. Press 'Save as draft'.");
      }
    } catch (error) {
      changed = true;
      say("Your draft could not be saved just now. Press 'Save as draft' when you are back online.");
    }
    saving = false;
  };

  setInterval(save, 10000);
  window.addEventListener("pagehide", () => {
    if (changed && !submitting) navigator.sendBeacon(url, answers());
  });
}
