import type { Catalogue } from './en';

export const es: Catalogue = {
  meta: { dir: 'ltr' },
  city: {
    name: 'Los Ángeles',
    service311: 'MyLA311',
    office: 'Oficina de Participación Comunitaria',
  },
  site: {
    name: 'Civic Panel',
    owner: 'Ciudad de {{city}} · {{office}}',
    skip: 'Ir al contenido principal',
    banner: 'Un sitio web oficial de la Ciudad de {{city}}',
    languages: 'Idiomas',
    menu: 'Menú',
    footer:
      'Civic Panel ayuda a la Ciudad a escuchar a los residentes sobre {{service311}} y los servicios de la Ciudad.',
    privacy:
      'Usamos lo que nos dice solo para invitarle a estudios y mejorar los servicios de la Ciudad.',
  },
  home: {
    title: 'Ayude a mejorar los servicios de la Ciudad',
    lead: 'La Ciudad de {{city}} pregunta a los residentes cómo les funcionan {{service311}} y los servicios de la Ciudad.',
    what: '¿Qué es el panel?',
    whatBody:
      'El panel es un grupo de residentes de {{city}} que aceptan ser invitados a encuestas cortas y a conversaciones en grupos pequeños sobre servicios de la Ciudad, como la recolección de artículos voluminosos o la eliminación de grafiti.',
    who: '¿Quién puede participar?',
    whoBody:
      'Cualquier persona que viva en {{city}}, haya usado {{service311}} o no. Puede participar en su propio idioma, en línea o en persona.',
    privacy: 'Su información',
    privacyBody:
      'Usted decide qué compartir. Puede cambiar sus datos, pausar el contacto o borrar su información en cualquier momento.',
    contact: '¿Preguntas? Llame al 3-1-1 (o al 213-473-3231 desde fuera de {{city}}).',
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
    chooseAll: 'Elija todas las opciones que correspondan.',
    select: 'Elija una opción',
    dontKnow: 'No sé',
    tooLong: 'Esta respuesta es demasiado larga. Use {{max}} caracteres o menos',
    invalidChoice: 'Elija una de las opciones',
    continue: 'Continuar',
    cancel: 'Cancelar',
  },
  join: {
    title: 'Únase a Civic Panel',
    intro:
      'Cuéntenos un poco sobre usted para que podamos invitarle a encuestas cortas y a conversaciones en grupos pequeños sobre los servicios de la Ciudad. Toma unos 5 minutos.',
    contactHeading: 'Cómo comunicarnos con usted',
    contactHint: 'Indique un correo electrónico, un número de teléfono o ambos.',
    placeHeading: 'Dónde vive',
    myla311Heading: '{{service311}} y usted',
    takingPartHeading: 'Su participación',
    demographicsHeading: 'Sobre usted',
    demographicsIntro:
      'Estas preguntas nos ayudan a escuchar a todo {{city}}. Puede saltarlas o elegir "Prefiero no decirlo".',
    consentHeading: 'Su consentimiento',
    submit: 'Unirse al panel',
    honeypot: 'Deje este campo vacío',
    checkEmailTitle: 'Revise su correo electrónico',
    checkEmailBody:
      'Le enviamos un correo electrónico a la dirección que nos dio. Si es la primera vez que se une al panel, el mensaje tiene un enlace para confirmar su dirección; si ya forma parte del panel, tiene un enlace para administrar sus datos. El enlace funciona durante 7 días.',
    checkEmailSpam: 'Si no lo ve en unos minutos, revise su carpeta de correo no deseado (spam).',
    thanksPhoneTitle: 'Gracias por unirse',
    thanksPhoneBody:
      'Una persona de la {{office}} de la Ciudad le llamará para confirmar su lugar en el panel.',
    paperTitle: 'Formulario de inscripción de Civic Panel',
    paperIntro:
      'Escriba con claridad y en letras mayúsculas. El personal ingresará este formulario por usted.',
    paperSignature: 'Firma',
    paperDate: 'Fecha',
  },
  fields: {
    firstName: { label: 'Nombre', required: 'Escriba su nombre' },
    lastName: { label: 'Apellido' },
    email: {
      label: 'Correo electrónico',
      hint: 'Le enviaremos un enlace para confirmarlo.',
      invalid: 'Escriba un correo electrónico con el formato correcto, como nombre@example.com',
      taken: 'Otra persona del panel ya usa este correo electrónico',
    },
    phone: {
      label: 'Número de teléfono',
      hint: 'Por ejemplo, 213 555 0123',
      invalid: 'Escriba un número de teléfono de 10 dígitos, como 213 555 0123',
    },
    contact: { missing: 'Escriba un correo electrónico o un número de teléfono' },
    contactPreference: {
      legend: '¿Cómo prefiere que nos comuniquemos con usted?',
      required: 'Elija cómo prefiere que nos comuniquemos con usted',
      needsEmail:
        'Escriba un correo electrónico si quiere que nos comuniquemos con usted por correo electrónico',
      needsPhone:
        'Escriba un número de teléfono si quiere que le llamemos o le enviemos un mensaje de texto',
    },
    language: { label: '¿Qué idioma prefiere?', required: 'Elija el idioma que prefiere' },
    zip: {
      label: 'Código postal (ZIP)',
      hint: '5 dígitos, por ejemplo 90012',
      required: 'Escriba su código postal',
      invalid: 'Escriba un código postal de 5 dígitos, como 90012',
    },
    councilDistrict: {
      label: 'Distrito del Concejo Municipal',
      hint: '¿Tiene dudas? Elija "No sé".',
    },
    neighborhoodCouncil: { label: 'Concejo Vecinal' },
    myla311Use: {
      legend: '¿Ha usado {{service311}} (3-1-1) para pedirle un servicio a la Ciudad?',
      required: 'Díganos si ha usado {{service311}}',
    },
    channels: { legend: '¿Cómo se ha comunicado con {{service311}}?' },
    requestTypes: { legend: '¿Qué ha reportado a {{service311}}?' },
    needs: { legend: '¿Qué le ayudaría a participar?' },
    interpreterLanguage: {
      label: 'Idioma del intérprete',
      required: 'Elija el idioma del intérprete',
    },
    needsOther: {
      label: '¿Qué más le ayudaría?',
      required: 'Díganos qué más le ayudaría a participar',
    },
    availability: { legend: '¿Cuándo puede reunirse normalmente?' },
    format: {
      legend: '¿Prefiere reunirse en persona o en línea?',
      required: 'Elija en persona, en línea o cualquiera de las dos',
    },
    ageRange: { legend: 'Edad' },
    gender: { legend: 'Género' },
    race: { legend: 'Raza u origen étnico' },
    consent: {
      label: 'He leído este texto y acepto unirme al panel',
      required: 'Debe aceptar el texto de consentimiento para unirse al panel',
    },
    recordingConsent: {
      label:
        'Acepto que los grupos de enfoque en los que participe se graben en audio solo para tomar notas',
      hint: 'Opcional. Si no acepta, igual puede unirse al panel.',
    },
  },
  options: {
    contactPreference: {
      email: 'Correo electrónico',
      phone: 'Llamada telefónica',
      text: 'Mensaje de texto',
    },
    myla311Use: { never: 'Nunca', once: 'Una vez', few: 'Algunas veces', often: 'Con frecuencia' },
    channels: {
      app: 'Aplicación {{service311}}',
      phone: 'Teléfono (3-1-1)',
      web: 'Sitio web de {{service311}}',
      in_person: 'En persona',
    },
    needs: {
      interpreter: 'Un intérprete',
      asl: 'Lenguaje de Señas Americano (ASL)',
      wheelchair: 'Acceso para sillas de ruedas',
      childcare: 'Cuidado de niños',
      transit: 'Ayuda con el transporte',
      other: 'Otra cosa',
    },
    availability: {
      weekday_day: 'Entre semana, durante el día',
      weekday_evening: 'Entre semana, por la noche',
      weekend: 'Fines de semana',
    },
    format: { in_person: 'En persona', online: 'En línea', either: 'Cualquiera de las dos' },
    ageRange: {
      '18_24': '18 a 24',
      '25_34': '25 a 34',
      '35_44': '35 a 44',
      '45_54': '45 a 54',
      '55_64': '55 a 64',
      '65_plus': '65 o más',
      prefer_not: 'Prefiero no decirlo',
    },
    gender: {
      woman: 'Mujer',
      man: 'Hombre',
      nonbinary: 'Persona no binaria',
      another: 'Otro género',
      prefer_not: 'Prefiero no decirlo',
    },
    race: {
      american_indian: 'Indígena americano o nativo de Alaska',
      asian: 'Asiático',
      black: 'Negro o afroamericano',
      hispanic: 'Hispano o latino',
      mena: 'De Medio Oriente o del Norte de África',
      pacific_islander: 'Nativo de Hawái o de otras islas del Pacífico',
      white: 'Blanco',
      prefer_not: 'Prefiero no decirlo',
    },
    pause: { '3': '3 meses', '6': '6 meses', '12': '12 meses' },
  },
  consent: {
    defaultText:
      'Al unirse a Civic Panel, usted acepta que la {{office}} de la Ciudad de {{city}} pueda guardar los datos que proporciona aquí y comunicarse con usted, en su idioma, para invitarle a encuestas y grupos de enfoque sobre los servicios de la Ciudad. Su participación siempre es voluntaria. Usamos sus respuestas para mejorar los servicios de la Ciudad y solo las damos a conocer en resúmenes que no mencionan su nombre. No vendemos sus datos ni los compartimos fuera de la Ciudad. Puede cambiar sus datos, pausar el contacto, dejar el panel o borrar su información en cualquier momento con el enlace que aparece en cada correo electrónico que le enviamos.',
    version: 'Texto de consentimiento, versión {{version}}',
  },
  me: {
    title: 'Sus datos',
    intro: 'Puede cambiar sus datos, pausar el contacto, dejar el panel o borrar su información.',
    save: 'Guardar cambios',
    saved: 'Sus datos se guardaron.',
    statusPending:
      'Su correo electrónico aún no está confirmado. Use el enlace del correo que le enviamos para confirmarlo y unirse al panel.',
    statusActive: 'Usted forma parte del panel.',
    statusPaused: 'El contacto está en pausa hasta el {{date}}.',
    statusWithdrawn: 'Usted dejó el panel. No nos comunicaremos con usted.',
    pauseHeading: 'Pausar el contacto',
    pauseLegend: '¿Por cuánto tiempo?',
    pauseButton: 'Pausar el contacto',
    pauseRequired: 'Elija por cuánto tiempo quiere pausar el contacto',
    paused: 'No nos comunicaremos con usted hasta el {{date}}.',
    resumeButton: 'Reanudar el contacto ahora',
    resumed: 'El contacto se reanudó. Gracias.',
    withdrawHeading: 'Dejar el panel',
    withdrawBody:
      'Dejaremos de comunicarnos con usted. Las respuestas que ya nos dio se conservan, sin su nombre.',
    withdrawButton: 'Dejar el panel',
    withdrawn: 'Usted dejó el panel. No volveremos a comunicarnos con usted.',
    rejoinButton: 'Volver a unirse al panel',
    rejoined: 'Le damos la bienvenida de nuevo. Usted vuelve a formar parte del panel.',
    deleteHeading: 'Borrar su información',
    deleteBody:
      'Esto elimina su nombre, correo electrónico, número de teléfono, código postal y todo lo que escribió. No se puede deshacer.',
    deleteButton: 'Borrar mi información',
    deleteConfirmTitle: '¿Confirma que quiere borrar su información?',
    deleteConfirmBody:
      'Eliminaremos su nombre, correo electrónico, número de teléfono, código postal y todo lo que escribió, y cancelaremos los mensajes que estén pendientes de envío. Las respuestas a encuestas solo se conservan de una forma que no permite identificarle. Esto no se puede deshacer.',
    deleteConfirmButton: 'Sí, borrar mi información',
    deleteCancel: 'No, regresar',
    deletedTitle: 'Se borró su información',
    deletedBody: 'Eliminamos su información de Civic Panel. Gracias por su tiempo.',
    confirmTitle: 'Confirme su correo electrónico',
    confirmBody: 'Presione el botón para confirmar su correo electrónico y unirse al panel.',
    confirmButton: 'Confirmar mi correo electrónico',
    confirmedTitle: 'Usted forma parte del panel',
    confirmedBody:
      'Gracias. Su correo electrónico está confirmado. Nos comunicaremos con usted cuando haya un estudio adecuado para usted.',
    manageLink: 'Ver o cambiar sus datos',
    reconsentTitle: 'Actualizamos nuestro texto de consentimiento',
    reconsentBody: 'Léalo y díganos si está de acuerdo antes de continuar.',
    reconsentAgree: 'Estoy de acuerdo',
    reconsentDecline: 'No estoy de acuerdo y quiero dejar el panel',
    reconsentThanks: 'Gracias. Quedó registrado su consentimiento.',
    emailChangeSent:
      'Enviamos un enlace a la nueva dirección. Su correo electrónico cambiará cuando lo abra.',
    emailConfirmTitle: 'Confirme su nuevo correo electrónico',
    emailConfirmBody: 'Presione el botón para usar este correo electrónico en Civic Panel.',
    emailConfirmButton: 'Usar este correo electrónico',
    emailChanged: 'Su correo electrónico ha cambiado.',
    linkTitle: 'Reciba un enlace para administrar sus datos',
    linkIntro:
      'Escriba el correo electrónico con el que se unió. Le enviaremos a esa dirección un enlace para ver o cambiar sus datos.',
    linkButton: 'Enviarme un enlace',
    linkSentTitle: 'Revise su correo electrónico',
    linkSentBody:
      'Si esta dirección forma parte del panel, le enviamos un enlace a esa dirección. El enlace funciona durante 30 días.',
    invalidTitle: 'Este enlace no se puede usar',
    invalidBody:
      'Es posible que el enlace haya vencido, que ya se haya usado o que se haya reemplazado por uno más reciente.',
    newLink: 'Recibir un enlace nuevo',
  },
  mail: {
    greeting: 'Hola, {{name}}:',
    greetingNoName: 'Hola:',
    signature: 'Civic Panel · {{office}} de la Ciudad de {{city}}',
    manageFooter: 'Vea o cambie sus datos, pause el contacto o deje el panel: {{link}}',
    notYou: 'Si usted no pidió esto, puede ignorar este correo electrónico y no pasará nada.',
    confirm: {
      subject: 'Confirme su correo electrónico para Civic Panel',
      body: 'Gracias por unirse a Civic Panel. Confirme su correo electrónico con este enlace. Funciona durante 7 días.',
      button: 'Confirmar mi correo electrónico',
    },
    alreadyMember: {
      subject: 'Su enlace de Civic Panel',
      body: 'Alguien, probablemente usted, intentó unirse a Civic Panel con este correo electrónico. Usted ya forma parte del panel, así que no cambió nada. Para ver o cambiar sus datos, use este enlace. Funciona durante 30 días.',
      button: 'Ver o cambiar mis datos',
    },
    manageLink: {
      subject: 'Su enlace para administrar sus datos de Civic Panel',
      body: 'Este es su enlace para ver o cambiar sus datos, pausar el contacto, dejar el panel o borrar su información. Funciona durante 30 días.',
      button: 'Ver o cambiar mis datos',
    },
    emailChange: {
      subject: 'Confirme su nuevo correo electrónico para Civic Panel',
      body: 'Alguien, probablemente usted, pidió usar este correo electrónico en Civic Panel. Para confirmarlo, use este enlace. Funciona durante 7 días.',
      button: 'Usar este correo electrónico',
    },
    deleted: {
      subject: 'Se borró su información de Civic Panel',
      body: 'Como usted lo pidió, el {{date}} borramos su información de Civic Panel. No volveremos a comunicarnos con usted. Si usted no pidió esto, llame al 3-1-1.',
    },
  },
  // Retention of inactive participants (issue 6, item 12).
  retention: {
    warningMail: {
      subject: 'Pronto se borrará su información de Civic Panel',
      body: 'Hace mucho tiempo que no sabemos de usted. Para proteger su privacidad, el {{date}} borraremos su información de Civic Panel. Si desea seguir en el panel, use este enlace. Si no hace nada, su información se borrará y no volveremos a comunicarnos con usted.',
      button: 'Quiero seguir en el panel',
    },
    deletedMail: {
      subject: 'Se borró su información de Civic Panel',
      body: 'Como le avisamos, el {{date}} borramos su información de Civic Panel porque no había tenido actividad durante mucho tiempo. No volveremos a comunicarnos con usted. Puede volver a unirse cuando quiera.',
    },
    stayTitle: 'Seguir en Civic Panel',
    stayBody: 'Pulse el botón para conservar su información y seguir en el panel.',
    stayButton: 'Quiero seguir en el panel',
    stayedTitle: 'Usted sigue en el panel',
    stayedBody:
      'Gracias. Conservaremos su información. No la borraremos antes del {{date}} y, si para entonces no sabemos de usted, le escribiremos antes.',
  },
  // Inscripción en un grupo de enfoque con un enlace de invitación (issue 7, puntos 5, 6 y 8).
  register: {
    title: 'Elija un horario para un grupo de enfoque',
    intro:
      'La {{office}} de la Ciudad de {{city}} le invita a una conversación en grupo pequeño sobre los servicios de la Ciudad. Elija un horario que le convenga.',
    sessionsLegend: '¿Qué horario le conviene?',
    sessionsHint:
      'Estos horarios son en su idioma o con intérprete, y en un formato que nos dijo que le conviene.',
    noSessions:
      'Ahora no hay horarios que pueda elegir. Si se agregan horarios nuevos, puede volver a usar este enlace.',
    seatsLeft: 'Lugares disponibles: {{count}}',
    full: 'Este horario está lleno: puede anotarse en la lista de espera',
    minutes: '{{minutes}} minutos',
    mode: { in_person: 'En persona', online: 'En línea', hybrid: 'En persona o en línea' },
    stepFree: 'Entrada sin escalones',
    notStepFree: 'La entrada tiene escalones',
    parking: 'Estacionamiento: {{text}}',
    transit: 'Transporte público: {{text}}',
    interpretation: 'Interpretación en {{languages}}',
    incentive: {
      gift_card: 'Tarjeta de regalo de {{amount}}',
      cash_card: 'Tarjeta de efectivo de {{amount}}',
      other: '{{amount}}',
    },
    labels: {
      study: 'Estudio',
      when: 'Cuándo',
      duration: 'Duración',
      mode: 'Cómo',
      place: 'Dónde',
      video: 'Enlace de video',
      language: 'Idioma',
      incentive: 'Regalo de agradecimiento',
      seats: 'Lugares',
    },
    accommodationsLabel: '¿Necesita algo para poder participar?',
    accommodationsHint:
      'Por ejemplo, un intérprete, acceso para silla de ruedas o cuidado de niños. Escribimos lo que nos dijo antes; cámbielo si lo necesita.',
    submit: 'Inscribirme',
    declineHeading: 'Ninguno de estos horarios me conviene',
    declineBody:
      'Díganoslo y no le volveremos a preguntar sobre este estudio. Aún puede volver y elegir un horario.',
    declineButton: 'Ninguno de estos horarios me conviene',
    declined:
      'Gracias por decírnoslo. Todavía puede usar este enlace para elegir un horario más tarde.',
    confirmedTitle: 'Está inscrito',
    confirmedBody:
      'Tiene un lugar. Le enviamos un correo electrónico con los detalles y un archivo de calendario.',
    waitlistedTitle: 'Está en la lista de espera',
    waitlistedBody:
      'Usted es el número {{position}} en la lista de espera. Si se libera un lugar, será suyo y le enviaremos un correo electrónico.',
    registeredFlash: 'Está inscrito. Le enviamos un correo electrónico.',
    waitlistedFlash:
      'Este horario está lleno, así que está en la lista de espera. Le enviamos un correo electrónico.',
    accommodationsNoted: 'Lo que nos dijo que necesita: {{text}}',
    cancelButton: 'Cancelar mi inscripción',
    switchButton: 'Cambiar a otro horario',
    cancelTitle: '¿Cancelar su inscripción?',
    cancelBody: 'Su lugar será para otra persona.',
    cancelLate:
      'La sesión empieza en menos de 24 horas, así que se registrará como una cancelación tardía. Gracias por avisarnos.',
    cancelConfirm: 'Sí, cancelar mi inscripción',
    goBack: 'No, volver',
    cancelled: 'Su inscripción está cancelada. Le enviamos un correo electrónico.',
    switchTitle: 'Cambiar a otro horario',
    switchBody:
      'Puede cambiarse a otro horario que todavía tenga lugares. Al cambiarse, deja su lugar actual.',
    switchLegend: '¿Qué horario prefiere?',
    switchSubmit: 'Cambiarme a este horario',
    switchNone: 'Ahora ningún otro horario tiene lugares. Conserva su lugar actual.',
    switched: 'Se cambió al nuevo horario. Le enviamos un correo electrónico.',
    begun: 'Esta sesión ya empezó o terminó, así que su inscripción ya no se puede cambiar.',
    invalidTitle: 'Este enlace de invitación no se puede usar',
    invalidBody:
      'Es posible que el enlace haya vencido o que este estudio ya no acepte inscripciones.',
    invalidHelp: 'Si necesita ayuda, llame al 3-1-1 y pida hablar con la {{office}}.',
    errors: {
      sessionRequired: 'Elija un horario',
      filled: 'Ese horario se acaba de llenar. Elija otro horario o anótese en su lista de espera',
      closed: 'Ese horario ya no se puede elegir. Elija otro horario',
      notActive:
        'Solo puede inscribirse si está en el panel y el contacto no está en pausa. Puede cambiar esto en la página de sus datos',
    },
    mail: {
      confirmedSubject: 'Está inscrito en un grupo de enfoque el {{date}}',
      promotedSubject: 'Se liberó un lugar: está inscrito para el {{date}}',
      switchedSubject: 'Se cambió a un grupo de enfoque el {{date}}',
      waitlistedSubject: 'Está en la lista de espera de un grupo de enfoque el {{date}}',
      cancelledSubject: 'Su inscripción al grupo de enfoque del {{date}} está cancelada',
      confirmedBody: 'Gracias por inscribirse. Tiene un lugar en este grupo de enfoque:',
      promotedBody:
        'Buenas noticias: se liberó un lugar y es suyo. Ahora está inscrito en este grupo de enfoque:',
      switchedBody: 'Se cambió de horario. Ahora tiene un lugar en este grupo de enfoque:',
      waitlistedBody:
        'Este grupo de enfoque está lleno, así que está en la lista de espera. Si se libera un lugar, será suyo y le enviaremos un correo electrónico.',
      cancelledBody: 'Su inscripción en este grupo de enfoque está cancelada:',
      releasedNote: 'Dejó su lugar del {{date}}.',
      accommodationsNoted: 'Lo que nos dijo que necesita: {{text}}',
      calendarNote: 'El archivo de calendario adjunto agrega la sesión a su calendario.',
      linkIntro: 'Para ver su inscripción, cancelarla o cambiarse a otro horario, use este enlace:',
      button: 'Ver mi inscripción',
      calendarTitle: 'Grupo de enfoque: {{study}}',
      calendarLink: 'Cancelar o cambiar: {{link}}',
    },
  },
  // Session reminders and cancellation notices (issue 7, items 2 and 7).
  reminders: {
    modes: {
      in_person: 'En persona',
      online: 'En línea',
      hybrid: 'En persona o en línea',
    },
    when: 'Cuándo',
    how: 'Cómo',
    place: 'Lugar',
    address: 'Dirección',
    access: 'Entrada',
    stepFreeYes: 'La entrada no tiene escalones.',
    stepFreeNo:
      'La entrada tiene escalones. Si necesita ayuda para entrar, llame al 3-1-1 antes del día.',
    parking: 'Estacionamiento',
    transit: 'Transporte público',
    video: 'Unirse en línea',
    videoNote: 'Este enlace es para usted: por favor, no lo comparta.',
    questions: 'Si tiene preguntas o ya no puede venir, llame al 3-1-1.',
    reminderMail: {
      subject: 'Recordatorio: su conversación de Civic Panel el {{day}}',
      body: 'Le recordamos la conversación en grupo pequeño sobre los servicios de la Ciudad para la que se inscribió. Gracias por participar. Esperamos escuchar su opinión.',
    },
    cancelledMail: {
      subject: 'Cancelada: su conversación de Civic Panel el {{day}}',
      body: 'Lo sentimos: la conversación en grupo pequeño sobre los servicios de la Ciudad del {{when}}, para la que se inscribió, se canceló. No necesita hacer nada.',
      note: 'Un mensaje de los organizadores:',
      others:
        'Estos otros horarios todavía tienen lugares. Para elegir uno, use el enlace de su correo de invitación:',
      noOthers:
        'Por ahora no hay otros horarios con lugares. Es posible que le invitemos de nuevo.',
    },
  },
  // Invitaciones a estudios (issue 7, parte 4).
  invitation: {
    subject: 'Invitación: una conversación sobre {{service311}}',
    reminderSubject: 'Recordatorio: una invitación a una conversación sobre {{service311}}',
    intro:
      'La {{office}} de la Ciudad de {{city}} le invita a una conversación en grupo pequeño (un grupo de enfoque) sobre {{service311}}. Queremos aprender de su experiencia.',
    reminderIntro:
      'Hace unos días, la {{office}} de la Ciudad de {{city}} le invitó a una conversación en grupo pequeño (un grupo de enfoque) sobre {{service311}}. Todavía no tenemos su respuesta, así que le enviamos la invitación de nuevo.',
    aboutTypes: 'La conversación trata de estas solicitudes a {{service311}}: {{types}}.',
    aboutStages: 'Queremos saber sobre {{stages}}.',
    incentive: 'Para agradecerle su tiempo, cada persona que participa recibe {{incentive}}.',
    sessions:
      'Las fechas, horas y lugares de las sesiones están en este enlace. Elija la que le convenga.',
    button: 'Ver las sesiones y elegir una',
    voluntary:
      'Participar es voluntario. Si no responde o dice que no, nada cambia para usted y sigue en el panel.',
    manage:
      'Nuestro personal le inscribió en el Civic Panel. Para ver o cambiar sus datos, pausar el contacto o salir del panel, use este enlace. Funciona durante 30 días.',
    manageButton: 'Ver o cambiar mis datos',
    stages: {
      intake: 'cómo se reporta un problema o se pide un servicio',
      fulfillment: 'cómo la Ciudad hace el trabajo',
      communication: 'cómo la Ciudad le informa después',
    },
    incentives: {
      gift_card: 'una tarjeta de regalo de {{amount}}',
      cash_card: 'una tarjeta de efectivo de {{amount}}',
      other: '{{amount}}',
    },
  },
  survey: {
    error: {
      required: 'Responda esta pregunta',
      consent: 'Marque la casilla para continuar',
      invalidOption: 'Elija una de las opciones que se muestran',
      otherMissing: 'Indique qué quiere decir con «otro»',
      tooLong: 'Use {{max}} caracteres o menos',
      invalidText: 'Quite los caracteres especiales de esta respuesta',
      preferNotAlone: '«Prefiero no decirlo» no se puede combinar con otras respuestas',
      number: 'Escriba un número, por ejemplo 12',
      wholeNumber: 'Escriba un número entero, por ejemplo 12',
      numberBetween: 'Escriba un número entre {{min}} y {{max}}',
      numberMin: 'Escriba un número igual o mayor que {{min}}',
      numberMax: 'Escriba un número igual o menor que {{max}}',
      date: 'Escriba una fecha real, por ejemplo 2027-03-15',
      dateMin: 'Escriba una fecha igual o posterior al {{min}}',
      dateMax: 'Escriba una fecha igual o anterior al {{max}}',
      rankAll: 'Dé un lugar a cada elemento, o deje todos en blanco',
      rankTwice: 'Use cada lugar una sola vez',
    },
    preferNot: 'Prefiero no decirlo',
    otherSpecify: 'Especifique',
    yes: 'Sí',
    no: 'No',
    npsLow: 'Nada probable',
    npsHigh: 'Muy probable',
    ratingLow: 'Lo más bajo',
    ratingHigh: 'Lo más alto',
    agreement: {
      '1': 'Muy en desacuerdo',
      '2': 'En desacuerdo',
      '3': 'Neutral',
      '4': 'De acuerdo',
      '5': 'Muy de acuerdo',
    },
  },
  respond: {
    goneTitle: 'No se puede usar este enlace de la encuesta',
    goneBody: 'Es posible que el enlace ya no sea válido o que no se haya copiado completo.',
    goneHelp: 'Si cree que se trata de un error, llame al 3-1-1 y pida hablar con la {{office}}.',
    closedTitle: 'Esta encuesta está cerrada',
    closedBody: 'Esta encuesta ya no recibe respuestas.',
    fullTitle: 'Esta encuesta ya tiene todas las respuestas que necesita',
    fullBody:
      'Suficientes personas ya respondieron esta encuesta, así que no recibe respuestas nuevas.',
    thanksAnyway: 'Gracias por querer ayudar a mejorar los servicios de la Ciudad.',
    progress: 'Página {{page}} de {{of}}',
    continue: 'Continuar',
    back: 'Atrás',
    saved:
      'Sus respuestas se guardan cada vez que pulsa Continuar. Puede parar y volver más tarde con el mismo enlace.',
    reviewTitle: 'Revise sus respuestas',
    reviewIntro: 'Revise sus respuestas antes de enviarlas. Puede cambiar cualquiera de ellas.',
    change: 'Cambiar',
    skipped: 'Sin responder',
    submitHint: 'Después de enviar sus respuestas, ya no podrá cambiarlas.',
    submit: 'Enviar mis respuestas',
    doneTitle: 'Sus respuestas fueron enviadas',
    doneBody: 'Gracias por participar.',
    consentAgree: 'Estoy de acuerdo',
    consentGiven: 'De acuerdo',
    dateHint: 'Por ejemplo, 2027-03-15 (año, mes, día).',
    rankHint: 'Dé a cada opción un número distinto, 1 para la más importante.',
    rankNone: 'Sin número',
    openIntro:
      'Sus respuestas son anónimas. Se guardan a medida que avanza, así que puede parar y volver más tarde desde este dispositivo.',
    start: 'Empezar la encuesta',
    honeypot: 'Deje este campo vacío',
    saveSwitch: 'Guardar esta página y cambiar a:',
  },
  surveyMail: {
    subject: 'Una encuesta breve de la {{office}}: {{title}}',
    postSessionSubject: 'Gracias por participar: díganos cómo fue la conversación',
    intro:
      'La {{office}} de la Ciudad de {{city}} le pide que responda una encuesta breve, «{{title}}». Sus respuestas ayudan a mejorar {{service311}} y otros servicios de la Ciudad.',
    postSessionIntro:
      'Gracias por participar en nuestra conversación sobre los servicios de la Ciudad. Díganos cómo fue en una encuesta breve, «{{title}}».',
    resume: 'Puede parar en cualquier momento y continuar más tarde con el mismo enlace.',
    button: 'Responder la encuesta',
    voluntary:
      'Responder es voluntario. Si no responde, nada cambia para usted y sigue en el panel.',
    manage:
      'Nuestro personal le inscribió en el Civic Panel. Para ver o cambiar sus datos, pausar el contacto o salir del panel, use este enlace. Funciona durante 30 días.',
    manageButton: 'Ver o cambiar mis datos',
  },
  reportBack: {
    mail: {
      subject: 'Lo que escuchamos: gracias por participar',
      intro:
        'Gracias por participar en nuestra conversación sobre {{service311}} y los servicios de la Ciudad. Esto es lo que escuchamos de usted y de las demás personas participantes.',
      once: 'Enviamos este mensaje una sola vez a todas las personas que participaron.',
      manage:
        'Para ver o cambiar sus datos, pausar el contacto o salir del panel, use este enlace. Funciona durante 30 días.',
      manageButton: 'Ver o cambiar mis datos',
    },
    prefill: {
      tookPart: 'Personas que participaron: {{count}}. Conversaciones realizadas: {{sessions}}.',
      heard: 'Lo que más escuchamos:',
      theme: '- {{theme}} (mencionado {{count}} veces)',
      next: 'Compartiremos lo que nos dijo con los departamentos de la Ciudad que prestan este servicio. Gracias por su tiempo.',
    },
  },
};
