// The entry as the site shows it, beside the form while typing: its own page, rendered by the site's
// templates (wegwijzer/editor/preview.py) through the local backend. On GitHub there is no such
// server: the proposal's preview (‘Bekijk voorbeeld’, built by CI for each pull request) shows the pages.
const WAIT_MS = 300; // after the last keystroke

export function registerPreviews(CMS, { backend, previewed }) {
  const { h, createClass } = window;
  CMS.registerPreviewStyle('../assets/stylesheets/wegwijzer.css');
  const Preview = createClass({
    getInitialState() { return { html: null, message: 'Voorbeeld laden…' }; },
    componentDidMount() { this.load(); },
    componentDidUpdate(previous) { if (previous.entry.get('data') !== this.props.entry.get('data')) this.schedule(); },
    componentWillUnmount() { clearTimeout(this.timer); this.gone = true; },
    schedule() { clearTimeout(this.timer); this.timer = setTimeout(() => this.load(), WAIT_MS); },
    async load() {
      const form = this.props.collection.get('name');
      if (!backend) {
        this.setState({ html: null, message: 'Het voorbeeld van de pagina staat bij je voorstel: sla op en klik op ‘Bekijk voorbeeld’.' });
        return;
      }
      try {
        const response = await fetch(backend, { method: 'POST', headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ action: 'preview', params: { form, data: this.props.entry.get('data').toJS() } }) });
        const body = await response.json();
        if (!this.gone) this.setState(response.ok ? { html: body.html, message: null } : { html: null, message: body.error });
      } catch (error) {
        if (!this.gone) this.setState({ html: null, message: 'Geen voorbeeld: de editor op deze computer antwoordt niet.' });
      }
    },
    render() {
      if (this.state.html === null) return h('p', { className: 'ww-note' }, this.state.message);
      // The site's renderer made this HTML from the entry: escaped and sanitized as on the site itself.
      return h('div', { className: 'md-typeset', dangerouslySetInnerHTML: { __html: this.state.html } });
    },
  });
  for (const name of previewed) CMS.registerPreviewTemplate(name, Preview);
}
