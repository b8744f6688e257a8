// Dutch words where Decap's own Dutch is missing (it falls back to English, also for screen readers) or
// does not say what happens here. Merged into Decap's 'nl' phrases before the editor starts.
export const PHRASES = {
  collection: {
    collectionTop: { viewAsList: 'Als lijst', viewAsGrid: 'Als tegels', newButton: 'Nieuw: %{collectionLabel}',
      newButtonAriaLabel: 'Nieuw: %{collectionLabel}' },
    entries: { unpublishedHeader: 'Nog niet gepubliceerde items' },
  },
  editor: {
    editorControl: { field: { widgetLabel: 'veld %{widgetLabel}' } },
    editorControlPane: {
      widget: {
        invalidPath: '‘%{path}’ is geen geldig pad',
        pathExists: 'Pad ‘%{path}’ bestaat al',
      },
    },
    editor: {
      onPublishingNotReady: 'Zet de status eerst op ‘Klaar’; dan kun je publiceren.',
      onDeletePublishedEntry: 'Dit item verwijderen? Het verdwijnt van de site zodra de wijziging gepubliceerd is.',
    },
    editorInterface: { togglePreview: 'Voorbeeld tonen of verbergen', toggleNotes: 'Notities tonen of verbergen' },
    editorNotesPane: { title: 'Notities', emptyState: 'Nog geen notities.', addNote: 'Notitie toevoegen',
      addPlaceholder: 'Schrijf een notitie…', editPlaceholder: 'Pas je notitie aan…', save: 'Bewaren',
      cancel: 'Annuleren', edit: 'Aanpassen', delete: 'Verwijderen', resolve: 'Afgehandeld',
      unresolve: 'Weer open', confirmDelete: 'Deze notitie verwijderen?',
      shortcut: 'Tip: Ctrl+Enter voegt de notitie meteen toe' },
    editorToolbar: {
      statusInfoTooltipDraft: 'Dit is een concept. Zet de status op ‘Wordt beoordeeld’ als het bekeken mag worden.',
      statusInfoTooltipInReview: 'Dit wordt beoordeeld. Je kunt het nog steeds aanpassen.',
      deployPreviewButtonLabel: 'Bekijk voorbeeld',
      deployPreviewPendingButtonLabel: 'Is het voorbeeld al klaar?',
      deployButtonLabel: 'Bekijk op de site',
    },
    editorWidgets: {
      markdown: { strikethrough: 'Doorgehaald', toggleMode: { rich: 'Naar opgemaakte tekst',
        markdown: 'Naar Markdown' } },
      image: { chooseMultiple: 'Kies afbeeldingen', addMore: 'Meer afbeeldingen toevoegen',
        removeAll: 'Alle afbeeldingen verwijderen' },
      file: { chooseMultiple: 'Kies bestanden', addMore: 'Meer bestanden toevoegen', removeAll: 'Alle bestanden verwijderen' },
      datetime: { setToNow: '%{fieldLabel} op nu zetten' },
      list: { addType: '%{item} toevoegen' },
      object: { expand: 'Openklappen', collapse: 'Dichtklappen' },
    },
  },
  mediaLibrary: { mediaLibraryModal: { close: 'Sluiten' } },
  ui: {
    settingsDropdown: { account: 'Menu van je account' },
    toast: {
      missingRequiredField: 'Nog niet opgeslagen: bovenaan staat wat er nog moet gebeuren, en bij elk veld wat er mis is.',
    },
  },
};

/** `base` with `extra` laid over it, key by key. */
export function merged(base, extra) {
  const out = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    out[key] = value && typeof value === 'object' && !Array.isArray(value) ? merged(base?.[key] || {}, value) : value;
  }
  return out;
}
