import type { Catalogue } from './en';

export const es: Catalogue = {
  meta: { dir: 'ltr' },
  site: {
    name: 'Civic Panel',
    owner: 'Ciudad de Los Ángeles · Oficina de Participación Comunitaria',
    skip: 'Ir al contenido principal',
    banner: 'Un sitio web oficial de la Ciudad de Los Ángeles',
    languages: 'Idiomas',
    menu: 'Menú',
    footer:
      'Civic Panel ayuda a la Ciudad a escuchar a los residentes sobre MyLA311 y los servicios de la Ciudad.',
    privacy:
      'Usamos lo que nos dice solo para invitarle a estudios y mejorar los servicios de la Ciudad.',
  },
  home: {
    title: 'Ayude a mejorar los servicios de la Ciudad',
    lead: 'La Ciudad de Los Ángeles pregunta a los residentes cómo les funcionan MyLA311 y los servicios de la Ciudad.',
    what: '¿Qué es el panel?',
    whatBody:
      'El panel es un grupo de residentes de Los Ángeles que aceptan ser invitados a encuestas cortas y a conversaciones en grupos pequeños sobre servicios de la Ciudad, como la recolección de artículos voluminosos o la eliminación de grafiti.',
    who: '¿Quién puede participar?',
    whoBody:
      'Cualquier persona que viva en Los Ángeles, haya usado MyLA311 o no. Puede participar en su propio idioma, en línea o en persona.',
    privacy: 'Su información',
    privacyBody:
      'Usted decide qué compartir. Puede cambiar sus datos, pausar el contacto o borrar su información en cualquier momento.',
    contact: '¿Preguntas? Llame al 3-1-1 (o al 213-473-3231 desde fuera de Los Ángeles).',
  },
  errors: {
    notFoundTitle: 'No se encontró la página',
    notFoundBody:
      'Si escribió la dirección, revise que sea correcta. Si siguió un enlace, puede que ya no esté vigente.',
    forbiddenTitle: 'No puede abrir esta página',
    forbiddenBody:
      'Es posible que su sesión haya terminado o que el formulario estuviera abierto demasiado tiempo. Regrese, vuelva a cargar la página e inténtelo de nuevo.',
    tooLargeTitle: 'Lo que envió es demasiado grande',
    tooLargeBody: 'Acorte sus respuestas e inténtelo de nuevo.',
    tooManyTitle: 'Demasiados intentos',
    tooManyBody: 'Espere unos minutos e inténtelo de nuevo.',
    badRequestTitle: 'No pudimos leer lo que envió',
    badRequestBody: 'Regrese, revise sus respuestas e inténtelo de nuevo.',
    serverTitle: 'Lo sentimos, algo salió mal',
    serverBody: 'El problema quedó registrado. Inténtelo de nuevo más tarde.',
    reference: 'Referencia: {{ref}}',
    home: 'Ir a la página de inicio',
  },
  form: {
    errorSummary: 'Hay un problema',
    errorTitlePrefix: 'Error:',
    optional: '(opcional)',
  },
};
