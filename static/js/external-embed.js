// Two-click embeds (templates/components/blocks/external_embed_block.html): the other site's
// iframe is only created after the reader presses the button, so no request leaves before that.
// Loaded as a module, so it runs once however many embeds a page has.
for (const button of document.querySelectorAll("button[data-embed-src]")) {
  button.hidden = false;
  button.addEventListener("click", () => {
    const url = new URL(button.dataset.embedSrc);
    if (url.protocol !== "https:") return;
    const container = button.closest("[data-external-embed]");
    const frame = document.createElement("iframe");
    frame.className = `portal-external-embed__frame portal-external-embed__frame--${button.dataset.embedRatio}`;
    frame.title = button.dataset.embedTitle;
    frame.src = url.href;
    frame.allowFullscreen = true;
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    const link = container.querySelector("[data-embed-link]");
    const caption = document.createElement("p");
    caption.className = "kern-body portal-external-embed__caption";
    caption.append(link);
    container.replaceChildren(frame, caption);
    frame.focus();
  });
}
