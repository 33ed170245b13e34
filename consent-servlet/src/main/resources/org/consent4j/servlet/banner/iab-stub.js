(function(w,d){if(w.__c4jIab)return;var q=[],ls=[],n=0,S=w.__c4jIab={q:q,ls:ls,n:function(){return ++n}};
function p(){return{gppVersion:'1.1',cmpStatus:'stub',cmpDisplayStatus:'hidden',signalStatus:'not ready',supportedAPIs:[],cmpId:0,sectionList:[],applicableSections:[0],gppString:''}}
w.__gpp=function(c,cb,a){if(typeof cb!='function')return;if(c=='ping')cb(p(),true);else if(c=='addEventListener'){var i=++n;ls.push({id:i,cb:cb});cb({eventName:'listenerRegistered',listenerId:i,data:true,pingData:p()},true)}
else if(c=='removeEventListener'){var k=-1;ls.forEach(function(l,j){if(l.id===a)k=j});if(k>=0)ls.splice(k,1);cb(k>=0,true)}
else if(c=='hasSection'||c=='getSection'||c=='getField')cb(null,true);else q.push(['gpp',arguments])};
w.__tcfapi=function(c,v,cb){if(c=='ping'&&typeof cb=='function')cb({cmpLoaded:false,cmpStatus:'stub',displayStatus:'hidden',apiVersion:'2.2'},true);else q.push(['tcf',arguments])};
w.__uspapi=function(){q.push(['usp',arguments])};
w.addEventListener('message',S.m=function(e){var x=e.data;if(x&&(typeof x=='string'?/__(gpp|tcfapi|uspapi)Call/.test(x):x.__gppCall||x.__tcfapiCall||x.__uspapiCall))q.push(['msg',e])});
(function f(){if(!d.body)return setTimeout(f,5);['__gppLocator','__tcfapiLocator','__uspapiLocator'].forEach(function(x){if(!w.frames[x]){var i=d.createElement('iframe');i.style.display='none';i.name=x;d.body.appendChild(i)}})})()})(window,document);
